-- A message left for a session's next page says whether it reports a refusal: the page
-- shows a refusal as a problem (and to screen readers as an alert), not as a success.
ALTER TABLE console_sessions ADD COLUMN flash_is_problem boolean NOT NULL DEFAULT false;
