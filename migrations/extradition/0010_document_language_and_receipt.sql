-- What the console's document form asks beside the kind, title and file: the document's
-- language (ISO 639 code; '' when not said) and the day it was received.
ALTER TABLE extradition_documents
    ADD COLUMN language    text NOT NULL DEFAULT '' CHECK (language = '' OR language ~ '^[a-z]{2,3}$'),
    ADD COLUMN received_on date;
