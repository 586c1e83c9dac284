#!/usr/bin/env lua
-- SPDX-License-Identifier: MIT
-- title_tags.lua FILE - prints the title and the tags of a Markdown article,
-- through the fmatter Lua module (Lua 5.4 or LuaJIT); the same output as
-- examples/title_tags.c:
--   title: Mistral gets down to business
--   tags: techcrunch

local fmatter = require "fmatter"

local path = arg[1]
if not path or arg[2] then
    io.stderr:write("usage: title_tags.lua FILE\n")
    os.exit(2)
end

-- Errors come back as io.open's do: nil, "path:line:column: message".
local doc, err = fmatter.load(path)
if not doc then
    io.stderr:write(err, "\n")
    os.exit(1)
end

-- The typed view: nil for a field the front matter does not set.
local article = doc:article()
print("title: " .. (article.title or "(none)"))
local line = "tags:"
for _, tag in ipairs(article.tags or {}) do
    line = line .. " " .. tag
end
print(line)
doc:close()
