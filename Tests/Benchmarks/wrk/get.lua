-- GET requests: each data line is "TOKEN<TAB>PATH"; lines are taken in turn.
local common = dofile(os.getenv("DOSSIER_BENCH_LUA") .. "/common.lua")
local next_fields = common.install(false)

function request()
    local fields = next_fields()
    return wrk.format("GET", fields[2], { ["Authorization"] = "Bearer " .. fields[1] })
end
