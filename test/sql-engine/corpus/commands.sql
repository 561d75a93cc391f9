-- Read-only catalog statements over the corpus tables (all temporary views).

SHOW TABLES LIKE 't*';
SHOW TABLES LIKE 'part*|region';
SHOW VIEWS LIKE 'n*';
SHOW COLUMNS IN emp;
SHOW COLUMNS FROM nested;
DESCRIBE t1;
DESCRIBE nested;
DESC emp salary;
DESCRIBE QUERY SELECT a, count(*) AS n FROM t1 GROUP BY a;
SET spark.sql.shuffle.partitions;
SHOW DATABASES;
