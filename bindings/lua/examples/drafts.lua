#!/usr/bin/env lua
-- SPDX-License-Identifier: MIT
-- drafts.lua DIR - lists the drafts of a content folder, oldest first:
--   DATE<TAB>PATH<TAB>TITLE   (DATE "-" when the page has none)
-- then a count. A page is a draft when its typed `draft` is true (Hugo), or
-- `published: false` (Jekyll). Files that do not load are reported on stderr
-- and make the exit status 1. A plugin-style use of the fmatter module.

local fmatter = require "fmatter"

local dir = arg[1]
if not dir or arg[2] then
    io.stderr:write("usage: drafts.lua DIR\n")
    os.exit(2)
end
dir = dir:gsub("/+$", "")

local function shell_quote(s)
    return "'" .. s:gsub("'", "'\\''") .. "'"
end

local finder = assert(io.popen("find " .. shell_quote(dir) ..
                               " -type f \\( -name '*.md' -o -name '*.markdown' \\) | sort"))
local drafts, files, failed = {}, 0, false
for path in finder:lines() do
    files = files + 1
    local doc, err = fmatter.load(path)
    if not doc then
        io.stderr:write("drafts.lua: ", err, "\n")
        failed = true
    else
        local a = doc:article()
        if a.draft then
            drafts[#drafts + 1] = {
                path = path:sub(#dir + 2),
                title = a.title or "(untitled)",
                date = a.date,
                -- floating times are read as UTC, so that sorting is stable
                time = a.date and fmatter.time(a.date) or math.huge,
            }
        end
        doc:close()
    end
end
finder:close()

table.sort(drafts, function(x, y)
    if x.time ~= y.time then
        return x.time < y.time
    end
    return x.path < y.path
end)
for _, d in ipairs(drafts) do
    print(table.concat({d.date and tostring(d.date) or "-", d.path, d.title}, "\t"))
end
print(string.format("%d draft%s in %d file%s", #drafts, #drafts == 1 and "" or "s", files,
                    files == 1 and "" or "s"))
os.exit(failed and 1 or 0, true)
