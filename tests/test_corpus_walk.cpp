// Tests of the glob matcher, ignore lists, file-name formats and the
// directory walk itself.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "corpus/glob.hpp"
#include "corpus/walk.hpp"
#include "corpus_fixtures.hpp"

using namespace tally;
using tally::detail::glob_match;
using tally::detail::GlobList;
using tally::testing::TempDir;

TEST_CASE("corpus: glob_match") {
  struct Case {
    const char* pattern;
    const char* path;
    bool match;
  };
  // Paths ending in '/' are directories.
  const Case cases[] = {
      // an unanchored pattern matches a name at any depth
      {"*.md", "a.md", true},
      {"*.md", "docs/deep/a.md", true},
      {"*.md", "a.mdx", false},
      {"a.md", "x/a.md", true},
      {"*", "anything/at/all", true},
      // ... and everything inside a directory of that name
      {"drafts", "drafts/a.txt", true},
      {"drafts", "news/drafts/b/c.txt", true},
      {"drafts", "drafts-old/a.txt", false},
      // a trailing '/' matches directories only
      {"drafts/", "drafts/", true},
      {"drafts/", "drafts", false},
      {"drafts/", "news/drafts/a.txt", true},
      {"notes.txt/", "notes.txt", false},
      // a leading or inner '/' anchors to the top
      {"/a.md", "a.md", true},
      {"/a.md", "b/a.md", false},
      {"docs/*.html", "docs/x.html", true},
      {"docs/*.html", "docs/sub/x.html", false},
      {"docs/*.html", "other/docs/x.html", false},
      // '*' never crosses '/'; '**' does
      {"docs/*", "docs/sub/x.html", true},  // docs/sub matches, x.html is inside
      {"a/*/c", "a/b/c", true},
      {"a/*/c", "a/b/b/c", false},
      {"a/**/c", "a/c", true},
      {"a/**/c", "a/b/c", true},
      {"a/**/c", "a/b/b/c", true},
      {"**/tmp", "tmp", true},
      {"**/tmp", "x/y/tmp", true},
      {"**/tmp/x", "q/tmp/x", true},
      {"notes/**", "notes/a/b.md", true},
      {"notes/**", "notes", false},
      {"a**b", "axxb", true},
      {"a**b", "ax/xb", false},
      // one character, classes and escapes
      {"?.md", "a.md", true},
      {"?.md", "ab.md", false},
      {"?.md", "\xC3\xA9.md", true},  // one UTF-8 character, not one byte
      {"[abc].md", "b.md", true},
      {"[abc].md", "d.md", false},
      {"[a-c].md", "c.md", true},
      {"[!a-c].md", "d.md", true},
      {"[!a-c].md", "a.md", false},
      {"[^a].md", "b.md", true},
      {"[]].md", "].md", true},
      {"[.md", "[.md", true},  // no closing bracket: literal
      {"\\*.md", "*.md", true},
      {"\\*.md", "a.md", false},
      {"\\!x", "!x", true},
      // negation inverts a single pattern; blanks and comments match nothing
      {"!*.md", "a.md", false},
      {"!*.md", "a.txt", true},
      {"", "a.md", false},
      {"# comment", "# comment", false},
      {"*.md   ", "a.md", true},
      // paths as tally spells them
      {"drafts/", "./drafts/a.txt", true},
      {"*.md", "a/", false},
  };
  for (const Case& c : cases) {
    CAPTURE(c.pattern);
    CAPTURE(c.path);
    CHECK(glob_match(c.pattern, c.path) == c.match);
  }
}

TEST_CASE("corpus: GlobList applies patterns as .gitignore does") {
  SUBCASE("the last matching pattern wins; '!' re-includes") {
    GlobList list({"*.html", "!keep.html"});
    CHECK(list.match("a.html"));
    CHECK(!list.match("keep.html"));
    CHECK(!list.match("sub/keep.html"));
    CHECK(!list.match("a.md"));
  }

  SUBCASE("order matters") {
    GlobList list({"!keep.html", "*.html"});
    CHECK(list.match("keep.html"));
  }

  SUBCASE("a file inside an excluded directory cannot be re-included") {
    GlobList list({"drafts/", "!drafts/keep.md"});
    CHECK(list.match("drafts/keep.md"));
    CHECK(list.match("drafts/other.md"));
  }

  SUBCASE("re-including everything but some of a directory's files") {
    GlobList list({"drafts/*", "!drafts/keep.md"});
    CHECK(!list.match("drafts/keep.md"));
    CHECK(list.match("drafts/other.md"));
  }

  SUBCASE("an empty list matches nothing") {
    GlobList list;
    CHECK(list.empty());
    CHECK(!list.match("a"));
    CHECK(GlobList({"", "# only a comment"}).empty());
  }
}

TEST_CASE("corpus: formats from file names") {
  struct Case {
    const char* name;
    InputFormat format;
    bool gzip;
  };
  const Case cases[] = {
      {"a.txt", InputFormat::text, false},          {"a.text", InputFormat::text, false},
      {"dir/a.md", InputFormat::markdown, false},   {"a.markdown", InputFormat::markdown, false},
      {"a.html", InputFormat::html, false},         {"a.HTM", InputFormat::html, false},
      {"a.jsonl", InputFormat::jsonl, false},       {"a.jsonl.gz", InputFormat::jsonl, true},
      {"a.JSONL.GZ", InputFormat::jsonl, true},     {"a.txt.gz", InputFormat::text, true},
      {"a.gz", InputFormat::automatic, true},       {"a.csv", InputFormat::automatic, false},
      {"md", InputFormat::automatic, false},        {"a.md/b", InputFormat::automatic, false},
      {"a.json", InputFormat::automatic, false},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    bool gz = !c.gzip;
    CHECK(detail::format_from_name(c.name, &gz) == c.format);
    CHECK(gz == c.gzip);
  }
}

TEST_CASE("corpus: join_id") {
  CHECK(detail::join_id("news", "a/b.txt") == "news/a/b.txt");
  CHECK(detail::join_id("news/", "a/b.txt") == "news/a/b.txt");
  CHECK(detail::join_id(".", "a.txt") == "./a.txt");
  CHECK(detail::join_id("/", "a.txt") == "/a.txt");
  CHECK(detail::join_id("news", "") == "news");
}

TEST_CASE("corpus: walk_directory") {
  TempDir dir;
  for (const char* f : {"z.txt", "b/2.md", "b/10.md", "a.html", "B.htm", "c.jsonl.gz",
                        "x.csv", ".hidden/in.txt", "b/.dot.md", "drafts/d.md", "b/drafts/e.md",
                        "keep/drafts.md"})
    dir.write(f, "x");
  std::string root = dir.str();
  auto walk = [&](const std::vector<std::string>& patterns, detail::WalkCounts* counts = nullptr) {
    std::vector<std::string> rel;
    CollectingSink sink;
    GlobList ignore(patterns);
    auto c = detail::walk_directory(root, ignore, sink,
                                    [&](const detail::WalkedFile& f) {
                                      CHECK(f.id == detail::join_id(root, f.relative));
                                      rel.push_back(f.relative);
                                    });
    CHECK(sink.items.empty());
    if (counts) *counts = c;
    return rel;
  };

  SUBCASE("byte order, depth first, hidden entries skipped") {
    detail::WalkCounts counts;
    CHECK(walk({}, &counts) == std::vector<std::string>{"B.htm", "a.html", "b/10.md", "b/2.md",
                                                        "b/drafts/e.md", "c.jsonl.gz",
                                                        "drafts/d.md", "keep/drafts.md", "z.txt"});
    CHECK(counts.files == 9);
    CHECK(counts.skipped == 1);
  }

  SUBCASE("a directory pattern at any depth") {
    CHECK(walk({"drafts/"}) == std::vector<std::string>{"B.htm", "a.html", "b/10.md", "b/2.md",
                                                        "c.jsonl.gz", "keep/drafts.md", "z.txt"});
  }

  SUBCASE("an anchored pattern") {
    CHECK(walk({"/drafts", "/b/1*"}) == std::vector<std::string>{"B.htm", "a.html", "b/2.md",
                                                                 "b/drafts/e.md", "c.jsonl.gz",
                                                                 "keep/drafts.md", "z.txt"});
  }

  SUBCASE("negation") {
    CHECK(walk({"*.md", "!2.md"}) == std::vector<std::string>{"B.htm", "a.html", "b/2.md",
                                                              "c.jsonl.gz", "z.txt"});
  }

  SUBCASE("a directory that cannot be listed is one error, the rest is walked") {
    // Root reads every directory, so emulate the failure with a missing root.
    CollectingSink sink;
    auto c = detail::walk_directory(root + "/missing", GlobList(), sink, [](const detail::WalkedFile&) {});
    CHECK(c.files == 0);
    REQUIRE(sink.items.size() == 1);
    CHECK(sink.items[0].level == Level::error);
  }
}
