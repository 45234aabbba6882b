-- Requests for bench/serve.sh: a mix of API searches (words, phrases, OR, filters by date,
-- sort by date, deep pages, collapsed reprints) and HTML search pages, in turn per thread.
local paths = {
  "/api/search?q=government&limit=20",
  "/api/search?q=%22the%20city%22&limit=20",
  "/api/search?q=music%20OR%20film&limit=20&sort=date",
  "/api/search?q=water&from=2019&to=2021&limit=20",
  "/api/search?q=school%20AND%20children&limit=20",
  "/api/search?q=war&limit=20&offset=200",
  "/api/search?q=the&limit=20&offset=10000",
  "/api/search?q=people&limit=20&collapse=true",
  "/api/search?q=new%20york&limit=50",
  "/?q=history",
  "/?q=election&sort=newest",
  "/api/search?q=title:report&limit=20",
}
local i = math.random(#paths)
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
