-- SPDX-License-Identifier: MIT
-- LuaRocks package of the fmatter Lua module. It builds bindings/lua/*.c from
-- the release tarball against a libfmatter that is already installed and
-- known to pkg-config (libfmatter is a C library with its own build: install
-- it first with ./configure && make && make install, or a distribution
-- package). The build runs bindings/lua/rock.mk with the make backend:
--   luarocks install fmatter                      (this rockspec, published)
--   luarocks make bindings/lua/fmatter-0.1.0-1.rockspec   (from a source tree)
-- With libfmatter in a non-standard prefix, export PKG_CONFIG_PATH first.
rockspec_format = "3.0"
package = "fmatter"
version = "0.1.0-1"

source = {
    url = "https://github.com/fmatter/fmatter/releases/download/v0.1.0/fmatter-0.1.0.tar.gz",
    dir = "fmatter-0.1.0",
}

description = {
    summary = "Front-matter Markdown: typed values, exact round trips and edits",
    detailed = [[
fmatter reads Markdown files with YAML (or JSON) front matter: the values
with their YAML types, a typed article view (Hugo and Jekyll fields), the body
rendered with cmark, and edits that rewrite only the bytes they must, so an
unchanged file comes back byte for byte. This rock is the Lua binding of the
C library libfmatter, which must be installed (found with pkg-config).
]],
    homepage = "https://github.com/fmatter/fmatter",
    issues_url = "https://github.com/fmatter/fmatter/issues",
    license = "MIT",
    labels = {"markdown", "yaml", "front-matter", "hugo", "jekyll"},
}

dependencies = {
    "lua >= 5.1, < 5.5",
}

build = {
    type = "make",
    makefile = "bindings/lua/rock.mk",
    build_variables = {
        CC = "$(CC)",
        CFLAGS = "$(CFLAGS)",
        LIBFLAG = "$(LIBFLAG)",
        LUA_INCDIR = "$(LUA_INCDIR)",
        LIB_EXTENSION = "$(LIB_EXTENSION)",
    },
    install_variables = {
        INST_LIBDIR = "$(LIBDIR)",
        LIB_EXTENSION = "$(LIB_EXTENSION)",
    },
}
