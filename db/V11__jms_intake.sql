-- JMS intake (issue 13, CONTRACT.md §9). A request that came as a message with JMSReplyTo keeps
-- where its outcome goes; when it ends, a reply waits in jms_reply (written in the ending's
-- transaction) until it is sent, and is then deleted.
ALTER TABLE forward_request ADD COLUMN reply_to VARCHAR(1024); -- queue:<name> or topic:<name>
ALTER TABLE forward_request ADD COLUMN reply_correlation_id VARCHAR(255);

CREATE TABLE jms_reply (
    id               VARCHAR(36)   NOT NULL PRIMARY KEY,
    request_id       VARCHAR(36)   NOT NULL,
    ended_at         TIMESTAMP(6) WITH TIME ZONE NOT NULL, -- the ending it reports
    reply_to         VARCHAR(1024) NOT NULL,
    correlation_id   VARCHAR(255)  NOT NULL,
    created_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
CREATE INDEX jms_reply_created ON jms_reply (created_at);
