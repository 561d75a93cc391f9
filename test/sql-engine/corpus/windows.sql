-- Window functions.

SELECT name, dept_id, salary, row_number() OVER (PARTITION BY dept_id ORDER BY salary DESC, id) AS rn FROM emp;
SELECT name, dept_id, rank() OVER (PARTITION BY dept_id ORDER BY salary) AS r, dense_rank() OVER (PARTITION BY dept_id ORDER BY salary) AS dr FROM emp;
SELECT name, salary, sum(salary) OVER (ORDER BY id) AS running FROM emp;
SELECT name, salary, avg(salary) OVER (PARTITION BY dept_id) AS dept_avg FROM emp;
SELECT id, salary, lag(salary) OVER (ORDER BY id) AS prev, lead(salary, 2, 0) OVER (ORDER BY id) AS next2 FROM emp;
SELECT id, sum(salary) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS s3 FROM emp;
SELECT id, count(*) OVER (PARTITION BY dept_id ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS c FROM emp;
SELECT id, first_value(name) OVER (PARTITION BY dept_id ORDER BY id) AS f, last_value(name) OVER (PARTITION BY dept_id ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS l FROM emp;
SELECT id, ntile(3) OVER (ORDER BY id) AS tile, percent_rank() OVER (ORDER BY id) AS pr, cume_dist() OVER (ORDER BY id) AS cd FROM emp;
SELECT id, salary, max(salary) OVER w AS mx, min(salary) OVER w AS mn FROM emp WINDOW w AS (PARTITION BY dept_id);
SELECT * FROM (SELECT name, dept_id, row_number() OVER (PARTITION BY dept_id ORDER BY salary DESC, id) AS rn FROM emp) WHERE rn = 1;
SELECT region, year, sum(qty) AS q, sum(sum(qty)) OVER (PARTITION BY region ORDER BY year) AS cum FROM sales GROUP BY region, year;
SELECT region, sum(qty) AS q, rank() OVER (ORDER BY sum(qty) DESC) AS r FROM sales GROUP BY region;
SELECT id, qty, sum(qty) OVER (ORDER BY qty RANGE BETWEEN 2 PRECEDING AND CURRENT ROW) AS near FROM sales WHERE id <= 12;
SELECT name, salary FROM emp QUALIFY row_number() OVER (PARTITION BY dept_id ORDER BY salary DESC, id) = 1;
