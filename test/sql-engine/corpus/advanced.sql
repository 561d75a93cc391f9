-- Harder shapes: subqueries in many positions, grouping sets with HAVING, windows over
-- aggregates, CTEs reused, NATURAL / USING mixes, coercion across IN subqueries.

SELECT a, sum(CASE WHEN c > (SELECT avg(c) FROM t1) THEN 1 ELSE 0 END) AS above FROM t1 GROUP BY a ORDER BY a;
SELECT a, (SELECT max(e) FROM t3 WHERE t3.a <= t1.a) - a AS gap FROM t1 WHERE a IS NOT NULL ORDER BY a;
SELECT * FROM t1 WHERE CAST(a AS BIGINT) IN (SELECT CAST(a AS BIGINT) FROM t3);
SELECT * FROM t3 WHERE a IN (SELECT CAST(a AS DOUBLE) FROM t1);
SELECT a, e FROM t3 WHERE (a, e) NOT IN (SELECT a, e FROM t3 WHERE e < 40) ORDER BY a;
SELECT name FROM emp WHERE dept_id IN (SELECT dept_id FROM dept WHERE location = 'Paris') AND salary > (SELECT min(salary) FROM emp) ORDER BY name;
SELECT d.dept_name, (SELECT count(*) FROM emp e WHERE e.dept_id = d.dept_id AND e.salary > 4000) AS rich FROM dept d ORDER BY d.dept_name;
SELECT e.name FROM emp e WHERE e.salary = (SELECT max(salary) FROM emp x WHERE x.dept_id = e.dept_id) ORDER BY e.name;
SELECT e.name FROM emp e WHERE NOT EXISTS (SELECT 1 FROM emp x WHERE x.dept_id = e.dept_id AND x.salary > e.salary) ORDER BY e.name;
SELECT dept_id, count(*) FROM emp WHERE manager_id NOT IN (SELECT id FROM emp WHERE active) GROUP BY dept_id ORDER BY dept_id;
SELECT a, EXISTS (SELECT 1 FROM t3 WHERE t3.a > t1.a) AS has_bigger FROM t1 ORDER BY a;
SELECT region, product, sum(qty) AS q FROM sales GROUP BY GROUPING SETS ((region, product), (region), ()) HAVING sum(qty) > 20 ORDER BY region, product;
SELECT region, sum(qty) AS q, grouping(region) AS g FROM sales GROUP BY ROLLUP(region) ORDER BY g, region;
SELECT year, product, sum(qty) AS q, rank() OVER (PARTITION BY year ORDER BY sum(qty) DESC, product) AS r FROM sales GROUP BY year, product ORDER BY year, r;
SELECT region, avg(price) AS p, avg(price) - avg(avg(price)) OVER () AS diff FROM sales GROUP BY region ORDER BY region;
WITH r AS (SELECT region, sum(qty) AS q FROM sales GROUP BY region) SELECT a.region, b.region FROM r a JOIN r b ON a.q < b.q ORDER BY 1, 2;
WITH x AS (SELECT * FROM t3), y AS (SELECT * FROM x WHERE e > 10) SELECT count(*) FROM x JOIN y USING (a);
SELECT * FROM t1 NATURAL JOIN t3 NATURAL JOIN t2;
SELECT a, b, e FROM t1 JOIN t3 USING (a) WHERE e > (SELECT min(e) FROM t3) ORDER BY a, b;
SELECT DISTINCT b FROM t1 WHERE b IS NOT NULL ORDER BY b DESC;
SELECT a % 2 AS parity, count(*) AS n FROM t1 WHERE a IS NOT NULL GROUP BY a % 2 ORDER BY parity;
SELECT upper(b) AS ub FROM t1 GROUP BY upper(b) HAVING count(*) > 1 ORDER BY ub;
SELECT b, max(a) AS m FROM t1 GROUP BY b ORDER BY m DESC NULLS LAST, b NULLS FIRST;
SELECT t.tag, count(DISTINCT e.dept_id) FROM emp e LATERAL VIEW OUTER explode(e.tags) t AS tag GROUP BY t.tag ORDER BY t.tag NULLS FIRST;
SELECT id, size(tags) AS n, (SELECT count(*) FROM emp x WHERE size(x.tags) = size(emp.tags)) AS same FROM emp ORDER BY id;
SELECT * FROM (SELECT a, row_number() OVER (PARTITION BY b ORDER BY a) AS rn FROM t1 WHERE a IS NOT NULL) WHERE rn = 1 ORDER BY a;
SELECT b, count(*) FILTER (WHERE a > 1) AS big, count(*) AS total FROM t1 GROUP BY b ORDER BY b NULLS LAST;
SELECT a, c FROM t1 WHERE c BETWEEN (SELECT min(c) FROM t1) AND (SELECT avg(c) FROM t1) ORDER BY a;
SELECT o_orderpriority, count(*) FROM orders o WHERE EXISTS (SELECT 1 FROM lineitem l WHERE l.l_orderkey = o.o_orderkey AND l.l_quantity > 45) GROUP BY o_orderpriority ORDER BY o_orderpriority;
SELECT c_mktsegment, count(*) AS n FROM customer WHERE c_custkey NOT IN (SELECT o_custkey FROM orders) GROUP BY c_mktsegment ORDER BY c_mktsegment;
SELECT n_name, (SELECT count(*) FROM supplier WHERE s_nationkey = n_nationkey) AS suppliers FROM nation WHERE n_regionkey = 2 ORDER BY n_name;
SELECT p_brand, count(*) FROM part WHERE p_size > (SELECT avg(p_size) FROM part) GROUP BY p_brand HAVING count(*) > 1 ORDER BY p_brand;
