-- Activities with no lead institution: none named on the activity, on its output or on its goal.
-- (The same rule as `naplog compare`: a lead named on a parent applies to the activities below it.)
SELECT d.id AS document_id, d.country, d.period_start, d.period_end,
       g.code AS goal_code, o.code AS output_code, a.code AS activity_code, a.text AS activity, a.page,
       a.record_key
FROM activities a
JOIN outputs o ON o.id = a.output_id
JOIN goals g ON g.id = o.goal_id
JOIN documents d ON d.id = a.document_id
WHERE NOT EXISTS (SELECT 1 FROM institution_links l WHERE l.activity_id = a.id AND l.role = 'lead')
  AND NOT EXISTS (SELECT 1 FROM institution_links l WHERE l.output_id = o.id AND l.role = 'lead')
  AND NOT EXISTS (SELECT 1 FROM institution_links l WHERE l.goal_id = g.id AND l.role = 'lead')
ORDER BY d.id, g.position, o.position, a.position;
