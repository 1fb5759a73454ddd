-- Trafficking-in-human-beings investigations: the victims identified and the suspects
-- named on each case, kept in step with the case's parties by the module's hook.

CREATE TABLE thb_victims (
    case_id            uuid        NOT NULL REFERENCES cases (id),
    person_id          uuid        NOT NULL REFERENCES persons (id),
    identified_at      timestamptz NOT NULL,
    -- Referred to support services (shelter, medical, legal aid); overdue after 2 days.
    referred_at        timestamptz,
    referral_overdue   boolean     NOT NULL DEFAULT false,
    PRIMARY KEY (case_id, person_id)
);

CREATE TABLE thb_suspects (
    case_id      uuid        NOT NULL REFERENCES cases (id),
    person_id    uuid        NOT NULL REFERENCES persons (id),
    named_at     timestamptz NOT NULL,
    arrested_on  date,
    PRIMARY KEY (case_id, person_id)
);
