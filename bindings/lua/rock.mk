# SPDX-License-Identifier: MIT
# rock.mk - builds the Lua module for LuaRocks (fmatter-0.1.0-1.rockspec, make
# backend) against an installed libfmatter found with pkg-config. Not used by
# automake. Run from the top of the source tree:
#   make -f bindings/lua/rock.mk LUA_INCDIR=/usr/include/lua5.4
#   make -f bindings/lua/rock.mk install INST_LIBDIR=/usr/local/lib/lua/5.4
# LuaRocks passes CC, CFLAGS (with -fPIC), LIBFLAG, LUA_INCDIR, LIB_EXTENSION
# and INST_LIBDIR; set PKG_CONFIG_PATH when libfmatter is not in a standard
# prefix.

PKG_CONFIG ?= pkg-config
CFLAGS ?= -O2 -fPIC
LIBFLAG ?= -shared
LUA_INCDIR ?= /usr/include/lua5.4
LIB_EXTENSION ?= so
INST_LIBDIR ?= /usr/local/lib/lua/5.4

FM_LUA_SRC = bindings/lua/fmatter.c bindings/lua/convert.c bindings/lua/render.c
FM_LUA_HDR = bindings/lua/fmlua.h bindings/lua/compat.h
FM_CFLAGS = $$($(PKG_CONFIG) --cflags fmatter)
FM_LIBS = $$($(PKG_CONFIG) --libs fmatter)
MODULE = fmatter.$(LIB_EXTENSION)

all: $(MODULE)

$(MODULE): $(FM_LUA_SRC) $(FM_LUA_HDR)
	@$(PKG_CONFIG) --exists fmatter || { \
	    echo "rock.mk: pkg-config finds no fmatter; install libfmatter or set PKG_CONFIG_PATH" >&2; \
	    exit 1; }
	$(CC) $(CFLAGS) -I$(LUA_INCDIR) $(FM_CFLAGS) $(FM_LUA_SRC) $(LIBFLAG) -o $@ $(FM_LIBS)

install: $(MODULE)
	mkdir -p "$(INST_LIBDIR)"
	cp $(MODULE) "$(INST_LIBDIR)/"

clean:
	rm -f $(MODULE)

.PHONY: all install clean
