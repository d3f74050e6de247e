-- POST /echo with a body of `size` bytes (first script argument, default 4096). Set in init(), before
-- wrk formats its one static request, so every request is the same bytes and costs wrk no Lua call.
function init(args)
  local size = tonumber(args[1]) or 4096
  wrk.method = "POST"
  wrk.body = string.rep("g", size)
  wrk.headers["Content-Type"] = "application/octet-stream"
end
