-- A referral cites the consent register (issue 18; schema step 17): "this is the one consent
-- record; a referral cites it". A referral decided on a parent's or guardian's consent from
-- now on stores the id of the register entry it rests on, and no copy of who, relation, day
-- and channel. Referrals stored before keep their own consent columns (step 3), which stay
-- readable and are never rewritten: nothing stored is lost or reinterpreted.

ALTER TABLE referral ADD COLUMN consent_id INTEGER REFERENCES consent (id);

CREATE INDEX referral_consent ON referral (consent_id) WHERE consent_id IS NOT NULL;
