# SPDX-License-Identifier: MIT
# Type stubs for fmatter (the C extension fmatter._fmatter, re-exported).
import datetime
import os
from collections.abc import ItemsView, KeysView, MutableMapping, ValuesView
from typing import IO, Any, Iterable, Iterator, Literal, NamedTuple, overload

Value = (
    str
    | int
    | float
    | bool
    | None
    | datetime.date
    | datetime.datetime
    | list["Value"]
    | dict[str, "Value"]
)
PathArg = str | bytes | os.PathLike[str] | os.PathLike[bytes]
# A key path: the library's syntax, or steps (str keys, int indexes from 0).
KeyPath = str | tuple[str | int, ...] | list[str | int]
EncodingErrors = Literal["strict", "surrogateescape", "replace"]

__version__: str

def version() -> str: ...

class ParseError(ValueError):
    # None on an error built by hand
    path: str | None
    line: int | None
    column: int | None
    offset: int | None
    code: str | None
    message: str | None

class EditError(ValueError):
    path: str | None
    line: int | None
    column: int | None
    offset: int | None
    code: str | None
    message: str | None

class Diagnostic(NamedTuple):
    code: str
    line: int
    column: int
    key: str | None
    message: str
    @property
    def offset(self) -> int: ...

class Summary(NamedTuple):
    rule: Literal["empty", "more", "separator", "front-matter", "words"]
    truncated: bool
    markdown: str
    text: str

class Heading(NamedTuple):
    level: int
    text: str
    anchor: str
    line: int

class BodyStats(NamedTuple):
    words: int
    cjk_characters: int
    cjk: bool
    reading_time: int

class Article:
    title: str | None
    summary: str | None
    description: str | None
    slug: str | None
    url: str | None
    permalink: str | None
    layout: str | None
    type: str | None
    author: str | None
    menu: str | None
    thumbnail: str | None
    lead: str | None
    sidebar: str | None
    tags: list[str] | None
    categories: list[str] | None
    keywords: list[str] | None
    aliases: list[str] | None
    authors: list[str] | None
    images: list[str] | None
    series: list[str] | None
    lang: list[str] | None
    translations: list[str] | None
    widgets: list[str] | None
    date: datetime.date | datetime.datetime | str | None
    lastmod: datetime.date | datetime.datetime | str | None
    publish_date: datetime.date | datetime.datetime | str | None
    expiry_date: datetime.date | datetime.datetime | str | None
    draft: bool | None
    comments: bool | None
    authorbox: bool | None
    pager: bool | None
    toc: bool | None
    mathjax: bool | None
    weight: int | None
    link_title: str | None
    published: bool | None
    excerpt: str | None
    excerpt_separator: str | None
    path: str | None
    template: str | None
    outputs: list[str] | None
    build: Value | None
    params: Value | None
    cascade: Value | None
    taxonomies: Value | None
    extra: dict[str, Value]
    body: str
    body_line: int
    title_from_body: bool
    diagnostics: list[Diagnostic]
    dialect: str
    def __call__(self, *, dialect: str | None = None, path: PathArg | None = None,
                 site: PathArg | None = None, strict: bool = False) -> Article: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __reduce__(self) -> tuple[Any, ...]: ...

class Document(MutableMapping[str, Value]):
    @property
    def metadata(self) -> dict[str, Value]: ...
    content: str
    body: str
    @property
    def path(self) -> str | None: ...
    @property
    def format(self) -> Literal["yaml", "json", "toml"] | None: ...
    @property
    def body_line(self) -> int: ...
    @property
    def body_offset(self) -> int: ...
    @property
    def article(self) -> Article: ...
    @property
    def word_count(self) -> int: ...
    @property
    def reading_time(self) -> int: ...
    def __getitem__(self, key: str) -> Value: ...
    def __setitem__(self, key: str, value: Value) -> None: ...
    def __delitem__(self, key: str) -> None: ...
    def __contains__(self, key: object) -> bool: ...
    def __iter__(self) -> Iterator[str]: ...
    def __len__(self) -> int: ...
    def __eq__(self, other: object) -> bool: ...
    def keys(self) -> KeysView[str]: ...
    def values(self) -> ValuesView[Value]: ...
    def items(self) -> ItemsView[str, Value]: ...
    @overload
    def get(self, key: str | tuple[str | int, ...]) -> Value: ...
    @overload
    def get(self, key: str | tuple[str | int, ...], default: Any) -> Any: ...
    def get_path(self, path: KeyPath, default: Any = ...) -> Any: ...
    def to_dict(self, content_key: str = "content") -> dict[str, Value]: ...
    def set(self, path: KeyPath, value: Value) -> None: ...
    def remove(self, path: KeyPath) -> None: ...
    def rename(self, path: KeyPath, new_key: str) -> None: ...
    def convert(self, format: Literal["yaml", "json", "toml"]) -> None: ...
    def insert_after(self, key: str, after: str, value: Value) -> None: ...
    def parts(self) -> dict[str, Any]: ...
    def dumps(self) -> str: ...
    def dumpb(self) -> bytes: ...
    def save(self, path: PathArg | None = None, *, force: bool = False) -> None: ...
    def html(
        self,
        *,
        smart: bool = False,
        hardbreaks: bool = False,
        sourcepos: bool = False,
        unsafe: bool = False,
    ) -> str: ...
    def text(self) -> str: ...
    def summary(
        self, words: int = 70, separator: str | None = None, *, cjk: bool = False
    ) -> Summary: ...
    def headings(self) -> list[Heading]: ...
    def toc(self, markdown: bool = False) -> str: ...
    def stats(self, *, cjk: bool = False) -> BodyStats: ...

def loads(
    text: str | bytes | bytearray | memoryview,
    *,
    lenient: bool = False,
    allow_duplicates: bool = False,
    yaml11: bool = False,
    encoding_errors: EncodingErrors = "strict",
) -> Document: ...
def load(
    file: PathArg | IO[str] | IO[bytes],
    *,
    lenient: bool = False,
    allow_duplicates: bool = False,
    yaml11: bool = False,
    encoding_errors: EncodingErrors = "strict",
) -> Document: ...
@overload
def load_many(
    paths: Iterable[PathArg | IO[bytes] | IO[str]],
    threads: int | None = None,
    errors: Literal["raise"] = "raise",
    *,
    lenient: bool = False,
    allow_duplicates: bool = False,
    yaml11: bool = False,
    encoding_errors: EncodingErrors = "strict",
) -> list[Document]: ...
@overload
def load_many(
    paths: Iterable[PathArg | IO[bytes] | IO[str]],
    threads: int | None = None,
    errors: Literal["collect"] = ...,
    *,
    lenient: bool = False,
    allow_duplicates: bool = False,
    yaml11: bool = False,
    encoding_errors: EncodingErrors = "strict",
) -> list[Document | ParseError | OSError]: ...
def new(format: Literal["yaml", "json", "toml"] = "yaml") -> Document: ...
def detect(text: str | bytes) -> Literal["yaml", "json", "toml"] | None: ...
