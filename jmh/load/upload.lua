-- POST /upload with a body of `size` bytes (first script argument, default 20 MiB, HttpArena's largest
-- upload). Set in init(), before wrk formats its one static request, so wrk builds the 20 MiB once.
function init(args)
  local size = tonumber(args[1]) or 20 * 1024 * 1024
  wrk.method = "POST"
  wrk.body = string.rep("u", size)
  wrk.headers["Content-Type"] = "application/octet-stream"
end
