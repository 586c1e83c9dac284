#!/usr/bin/env lua
-- SPDX-License-Identifier: MIT
-- bump_lastmod.lua [--date DATE] FILE... - sets `lastmod` to now (local time
-- with its UTC offset), or to DATE (RFC 3339), in each file, in place and
-- atomically. An existing key keeps its spelling (lastMod, LastMod) and its
-- place; a missing one is added at the end of the front matter. Every other
-- byte of the file is kept. Prints "FILE: KEY = DATE" per file; exit status 1
-- when a file could not be read or written.

local fmatter = require "fmatter"

local date = fmatter.now()
local files = {}
local i = 1
while i <= #arg do
    if arg[i] == "--date" then
        local err
        date, err = fmatter.date(arg[i + 1] or "")
        if not date then
            io.stderr:write("bump_lastmod.lua: ", err, "\n")
            os.exit(2)
        end
        i = i + 2
    else
        files[#files + 1] = arg[i]
        i = i + 1
    end
end
if #files == 0 then
    io.stderr:write("usage: bump_lastmod.lua [--date DATE] FILE...\n")
    os.exit(2)
end

-- The spelling of the lastmod key in doc, matched in any letter case.
local function lastmod_key(doc)
    for _, k in ipairs(doc:keys() or {}) do
        if k:lower() == "lastmod" then
            return k
        end
    end
    return "lastmod"
end

local status = 0
for _, path in ipairs(files) do
    local doc, err = fmatter.load(path)
    local key = doc and lastmod_key(doc)
    if doc then
        local ok
        ok, err = doc:set(key, date)
        if ok then
            ok, err = doc:save()
        end
        if not ok then
            doc = nil
        end
    end
    if doc then
        print(path .. ": " .. key .. " = " .. tostring(date))
    else
        io.stderr:write("bump_lastmod.lua: ", err, "\n")
        status = 1
    end
end
os.exit(status, true)
