-- The person / auction / bid views over the `nexmark` table (events in the Flink layout), as
-- Flink nexmark's ddl_views.sql defines them. One statement per ';'.
CREATE OR REPLACE TEMPORARY VIEW person AS
SELECT person.id, person.name, person.emailAddress, person.creditCard, person.city, person.state,
       dateTime, person.extra
FROM nexmark WHERE event_type = 0;

CREATE OR REPLACE TEMPORARY VIEW auction AS
SELECT auction.id, auction.itemName, auction.description, auction.initialBid, auction.reserve,
       dateTime, auction.expires, auction.seller, auction.category, auction.extra
FROM nexmark WHERE event_type = 1;

CREATE OR REPLACE TEMPORARY VIEW bid AS
SELECT bid.auction, bid.bidder, bid.price, bid.channel, bid.url, dateTime, bid.extra
FROM nexmark WHERE event_type = 2;
