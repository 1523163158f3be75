-- Timeline coverage: activities running each year, per plan.
SELECT d.id AS document_id, d.country, t.year, COUNT(DISTINCT t.activity_id) AS activities
FROM activity_timeline t
JOIN activities a ON a.id = t.activity_id
JOIN documents d ON d.id = a.document_id
GROUP BY d.id, d.country, t.year
ORDER BY d.id, t.year;
