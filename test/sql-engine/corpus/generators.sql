-- explode & co., LATERAL VIEW, multi-column aliases, table functions.

SELECT explode(array(1, 2, 3));
SELECT explode(array(1, 2)) AS x;
SELECT posexplode(array('a', 'b')) AS (i, v);
SELECT id, explode(arr) AS e FROM nested;
SELECT id, posexplode_outer(arr) AS (pos, val) FROM nested;
SELECT id, explode(m) FROM nested;
SELECT id, explode(m) AS (k, v) FROM nested;
SELECT id, x FROM nested LATERAL VIEW explode(arr) t AS x;
SELECT id, t.x FROM nested LATERAL VIEW OUTER explode(arr) t AS x;
SELECT n.id, t.* FROM nested n LATERAL VIEW posexplode(arr) t;
SELECT id, p, v FROM nested LATERAL VIEW posexplode(arr) t AS p, v WHERE v IS NOT NULL;
SELECT id, k, v FROM nested LATERAL VIEW explode(m) kv AS k, v;
SELECT id, a, b FROM nested LATERAL VIEW explode(arr) t1 AS a LATERAL VIEW explode(array(10, 20)) t2 AS b WHERE id = 1;
SELECT * FROM explode(array(5, 6));
SELECT * FROM inline(array(struct(1, 'a'), struct(2, 'b')));
SELECT * FROM inline(array(struct(1, 'a'), struct(2, 'b'))) AS t(n, s);
SELECT stack(2, 'a', 1, 'b', 2) AS (letter, num);
SELECT name, tag FROM emp LATERAL VIEW explode(tags) t AS tag WHERE id < 6;
SELECT tag, count(*) FROM emp LATERAL VIEW explode(tags) t AS tag GROUP BY tag ORDER BY tag;
SELECT name, size(tags), array_contains(tags, 'a') FROM emp WHERE id < 5 ORDER BY name;
