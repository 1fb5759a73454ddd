-- The counting text of Title III quotes when its thirty days begin as well (review fix).
UPDATE surveillance_legal_bases SET
    counting_text = '18 U.S.C. §2518(5): no order may authorise interception "for any period longer than is necessary '
        || '... and in no event longer than thirty days"; the period "begins on the earlier of the day on which the '
        || 'investigative or law enforcement officer first begins to conduct an interception under the order or ten '
        || 'days after the order is entered" (counted here from valid_from, the day after it)'
WHERE id = 'us-title-iii';
