-- Shared by the scenario scripts: reads the request lines a scenario's data file holds
-- (written by Tests/Benchmarks/load.py), spreads them over wrk's threads, and prints one
-- JSON line of results for load.py to read.
local common = {}
local thread_counter = 0

function common.setup(thread)
    thread:set("thread_index", thread_counter)
    thread_counter = thread_counter + 1
end

-- Lines of the data file named by the DOSSIER_BENCH_DATA environment variable; each
-- thread takes every n-th line from its own offset, so threads never share a line.
function common.lines(threads)
    local path = os.getenv("DOSSIER_BENCH_DATA")
    local all = {}
    for line in io.lines(path) do all[#all + 1] = line end
    local mine = {}
    for i = 1 + (thread_index or 0), #all, threads do mine[#mine + 1] = all[i] end
    if #mine == 0 then return all end
    return mine
end

function common.split(line)
    local fields = {}
    for field in string.gmatch(line, "[^\t]+") do fields[#fields + 1] = field end
    return fields
end

-- Installs wrk's setup, init and done; `next_fields()` then gives the fields of the
-- thread's next line, in turn (or each line once, then the last again, with `once`).
function common.install(once)
    local threads = tonumber(os.getenv("DOSSIER_BENCH_THREADS") or "2")
    local lines, next_line
    setup = common.setup
    done = common.done
    init = function(args)
        lines = common.lines(threads)
        next_line = 0
    end
    return function()
        if once then next_line = math.min(next_line + 1, #lines) else next_line = next_line % #lines + 1 end
        return common.split(lines[next_line])
    end
end

function common.done(summary, latency, requests)
    local errors = summary.errors
    io.write(string.format(
        '{"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d, ' ..
        '"non_2xx": %d, "connect_errors": %d, "read_errors": %d, "write_errors": %d, "timeouts": %d}\n',
        summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
        latency.max, errors.status, errors.connect, errors.read, errors.write, errors.timeout))
end

return common
