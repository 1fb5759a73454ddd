-- FD 2002/584/JHA Art. 23: the person is surrendered no later than 10 days after the final
-- decision (Art. 23(2)), or within 10 days of a new date agreed when surrender was prevented
-- (Art. 23(3)) or postponed (Art. 23(4)); "upon expiry of the time limits referred to in
-- paragraphs 2 to 4, if the person is still being held in custody he shall be released"
-- (Art. 23(5)). The seed made the 10 days a "may" and put the "must" 10 days later, from the
-- decision rather than from the agreed date. The 10-day period is the "must"; an agreed new
-- date starts it again (postpone_surrender with agreed_date), so there is no outer limit.
-- Deadlines already running keep the rule they were started with.
UPDATE extradition_instrument_timers
SET obligation = 'must',
    legal_basis = 'FD 2002/584/JHA Art. 23(2) and (5): surrender no later than 10 days after the final decision '
        || '(Art. 23(3)-(4): within 10 days of a new date agreed); on expiry a person still held shall be released'
WHERE instrument_id = 'eu-eaw-2002' AND timer = 'surrender';

DELETE FROM extradition_instrument_timers WHERE instrument_id = 'eu-eaw-2002' AND timer = 'surrender_limit';
