-- q22 split the URL into directories: Flink's SPLIT_INDEX(url, '/', i) (0-based, NULL past the
-- end) is Spark's split(url, '/')[i].
SELECT
  auction, bidder, price, channel,
  split(url, '/')[3] AS dir1,
  split(url, '/')[4] AS dir2,
  split(url, '/')[5] AS dir3
FROM bid
