-- Console pages: each data line is "SESSION-COOKIE<TAB>PATH"; lines are taken in turn.
-- The cookies are live console sessions that load.py signed in through the form.
local common = dofile(os.getenv("DOSSIER_BENCH_LUA") .. "/common.lua")
local next_fields = common.install(false)

function request()
    local fields = next_fields()
    return wrk.format("GET", fields[2], { ["Cookie"] = "dossier_session=" .. fields[1] })
end
