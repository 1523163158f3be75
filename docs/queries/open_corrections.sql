-- Corrections that are not in effect after a re-extraction: orphaned (the record is gone) or in
-- conflict (the new extraction reads something else). Review them and correct again if needed.
SELECT c.id, c.document_id, d.source_path, c.level, c.record_key, c.field, c.old, c.new, c.author,
       c.created_at, c.status, c.message
FROM corrections c
JOIN documents d ON d.id = c.document_id
WHERE c.status <> 'applied'
ORDER BY c.document_id, c.id;
