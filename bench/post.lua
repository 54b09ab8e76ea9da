-- wrk script: POST a 1 KiB JSON body with the bench credential, and print one JSON line of
-- results (bench/result.lua).
wrk.method = "POST"
wrk.body = '{"payload":"' .. string.rep("x", 1006) .. '"}'
wrk.headers["Content-Type"] = "application/json"
local token = os.getenv("BENCH_AUTH")
if token then
  wrk.headers["Authorization"] = token
end

dofile("bench/result.lua")
