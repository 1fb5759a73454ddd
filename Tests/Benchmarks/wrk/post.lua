-- POST requests: each data line is "TOKEN<TAB>PATH<TAB>JSON BODY". With DOSSIER_BENCH_ONCE
-- set, each line is sent at most once (transitions: a case moves once) and a thread that
-- runs out of lines repeats its last, which answers 409 and is counted as an error.
local common = dofile(os.getenv("DOSSIER_BENCH_LUA") .. "/common.lua")
local next_fields = common.install(os.getenv("DOSSIER_BENCH_ONCE") ~= nil)

function request()
    local fields = next_fields()
    return wrk.format("POST", fields[2], {
        ["Authorization"] = "Bearer " .. fields[1], ["Content-Type"] = "application/json",
    }, fields[3])
end
