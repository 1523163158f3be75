-- Institutions named as lead on the most activities across all plans (named on the activity itself),
-- with their type and the number of plans in which they lead something.
SELECT inst.canonical_name AS institution, inst.acronym, inst.type,
       COUNT(DISTINCT l.activity_id) AS activities_led,
       COUNT(DISTINCT l.document_id) AS plans
FROM institution_links l
JOIN institutions inst ON inst.id = l.institution_id
WHERE l.role = 'lead' AND l.activity_id IS NOT NULL
GROUP BY inst.id, inst.canonical_name, inst.acronym, inst.type
ORDER BY activities_led DESC, plans DESC, institution
LIMIT 25;
