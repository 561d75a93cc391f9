-- Analysis errors: the Spark error class is the expected result.

SELECT nme FROM t1;
SELECT * FROM no_such_table;
SELECT a FROM t1 JOIN t2 ON t1.a = t2.a;
SELECT b, sum(a) FROM t1;
SELECT a, count(*) FROM t1 GROUP BY b;
SELECT a FROM t1 ORDER BY 5;
SELECT b, count(*) FROM t1 GROUP BY 3;
SELECT a FROM t1 WHERE b;
SELECT a AS (x, y) FROM t1;
SELECT no_such_fn(a) FROM t1;
SELECT upper(a, b) FROM t1;
SELECT grouping(b) FROM t1 GROUP BY b;
SELECT a FROM t1 WHERE count(*) > 1;
SELECT (SELECT a, b FROM t1 LIMIT 1);
SELECT a FROM t1 WHERE (a, b) IN (SELECT a FROM t2);
SELECT a FROM t1 UNION SELECT a, d FROM t2;
SELECT explode(array(1)), explode(array(2));
SELECT * FROM t1 JOIN t2 USING (nope);
SELECT a FROM t1 t JOIN t1 u ON t.a = u.a;
WITH c AS (SELECT 1 AS x) SELECT y FROM c;
