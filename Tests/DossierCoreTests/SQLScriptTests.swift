import DossierCore
import Testing

@Suite struct SQLScriptTests {
    @Test func splitsOnTopLevelSemicolonsOnly() {
        let script = """
            -- a comment; with a semicolon
            CREATE TABLE a (t text DEFAULT 'x;y', "we;ird" int);
            /* block; /* nested; */ still comment */
            INSERT INTO a VALUES ('it''s; fine', 1);
            SELECT E'back\\'slash; quote';
            CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$ BEGIN PERFORM 1; END; $$;
            CREATE FUNCTION g() RETURNS void LANGUAGE plpgsql AS $body$ BEGIN PERFORM $1; END; $body$;
            SELECT 1
            """
        let statements = SQLScript.statements(in: script)
        #expect(statements.count == 6)
        #expect(statements[0].hasSuffix(#"CREATE TABLE a (t text DEFAULT 'x;y', "we;ird" int)"#))
        #expect(statements[1].hasSuffix("INSERT INTO a VALUES ('it''s; fine', 1)"))
        #expect(statements[2] == #"SELECT E'back\'slash; quote'"#)
        #expect(statements[3].hasSuffix("BEGIN PERFORM 1; END; $$"))
        #expect(statements[4].hasSuffix("BEGIN PERFORM $1; END; $body$"))
        #expect(statements[5] == "SELECT 1")
    }

    @Test func ignoresEmptyStatementsAndCommentsOnly() {
        #expect(SQLScript.statements(in: ";;\n-- nothing\n;").isEmpty)
    }
}
