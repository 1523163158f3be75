-- Number of indicators per plan and pillar (the pillar banner above the goal the indicator measures,
-- whether it is attached to the goal, one of its outputs or one of their activities).
SELECT d.id AS document_id, d.country, d.period_start, d.period_end,
       COALESCE(g.pillar_text, '(no pillar)') AS pillar,
       COUNT(*) AS indicators,
       SUM(CASE WHEN i.unit IN ('number', 'percentage') THEN 1 ELSE 0 END) AS quantitative,
       SUM(CASE WHEN i.baseline IS NOT NULL OR i.target IS NOT NULL THEN 1 ELSE 0 END) AS with_baseline_or_target
FROM indicators i
JOIN documents d ON d.id = i.document_id
LEFT JOIN activities a ON a.id = i.activity_id
LEFT JOIN outputs o ON o.id = COALESCE(i.output_id, a.output_id)
JOIN goals g ON g.id = COALESCE(i.goal_id, o.goal_id)
GROUP BY d.id, d.country, d.period_start, d.period_end, COALESCE(g.pillar_text, '(no pillar)')
ORDER BY d.id, pillar;
