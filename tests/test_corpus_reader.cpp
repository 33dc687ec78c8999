// Tests of read_corpus: files, directories, stdin, formats by extension, and
// the bad inputs that must cost one diagnostic and nothing else.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "corpus_fixtures.hpp"

using namespace tally;
using tally::testing::read_paths;
using tally::testing::StdinFrom;
using tally::testing::TempDir;

TEST_CASE("corpus: plain text files") {
  TempDir dir;
  std::string story = "Officials said approximately 3,000 troops crossed the border.\n";
  std::string path = dir.write("kyiv-wire.txt", story);

  SUBCASE("one file is one document, read byte for byte") {
    auto r = read_paths({path});
    REQUIRE(r.docs.size() == 1);
    const Document& d = r.docs[0];
    CHECK(d.meta.id == path);
    CHECK(d.meta.source == path);  // source defaults to the id
    CHECK(d.format == DocumentFormat::text);
    CHECK(d.raw == story);
    CHECK(d.text == story);
    CHECK(d.map.to_raw(d.text.find("3,000")) == story.find("3,000"));
    CHECK(d.origin == path);
    CHECK(d.origin_line == 0);
    CHECK(r.stats.documents == 1);
    CHECK(r.stats.errors == 0);
    CHECK(r.diags.items.empty());
  }

  SUBCASE("front matter fills the metadata and is not text") {
    std::string fm = "---\nsource: Kyiv Wire\ndate: 2024-10-17\ntitle: Troops\nurl: https://example.org/1\n---\n";
    std::string p2 = dir.write("fm.txt", fm + story);
    auto r = read_paths({p2});
    REQUIRE(r.docs.size() == 1);
    const Document& d = r.docs[0];
    CHECK(d.meta.source == "Kyiv Wire");
    CHECK(d.meta.date == "2024-10-17");
    CHECK(d.meta.title == "Troops");
    CHECK(d.meta.url == "https://example.org/1");
    CHECK(d.text == story);
    CHECK(d.raw == fm + story);
    CHECK(tally::testing::raw_of(d, "3,000") == "3,000");
  }

  SUBCASE("an empty file is a document with no text, not an error") {
    std::string empty = dir.write("empty.txt", "");
    auto r = read_paths({empty, path});
    REQUIRE(r.docs.size() == 2);
    CHECK(r.docs[0].text.empty());
    CHECK(r.docs[0].raw.empty());
    CHECK(r.diags.items.empty());
    CHECK(r.stats.errors == 0);
  }

  SUBCASE("a file named explicitly is read whatever its extension") {
    std::string p = dir.write("notes.rst", story);
    auto r = read_paths({p});
    REQUIRE(r.docs.size() == 1);
    CHECK(r.docs[0].format == DocumentFormat::text);
    CHECK(r.docs[0].text == story);
  }

  SUBCASE("paths are read in command-line order") {
    std::string b = dir.write("b.txt", "b");
    std::string a = dir.write("a.txt", "a");
    auto r = read_paths({b, a, b});
    CHECK(r.ids() == std::vector<std::string>{b, a, b});
  }
}

TEST_CASE("corpus: formats by extension") {
  TempDir dir;
  struct Case {
    const char* name;
    DocumentFormat format;
  };
  const Case cases[] = {
      {"a.txt", DocumentFormat::text},      {"a.text", DocumentFormat::text},
      {"a.md", DocumentFormat::markdown},   {"a.markdown", DocumentFormat::markdown},
      {"a.MD", DocumentFormat::markdown},   {"a.html", DocumentFormat::html},
      {"a.htm", DocumentFormat::html},      {"a.HTML", DocumentFormat::html},
      {"a.unknown", DocumentFormat::text},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    std::string p = dir.write(c.name, "About 3,000 people.");
    auto r = read_paths({p});
    REQUIRE(r.docs.size() == 1);
    CHECK(r.docs[0].format == c.format);
  }

  SUBCASE("force_format overrides the extension") {
    std::string p = dir.write("page.txt", "<p>About <b>3,000</b> people.</p>");
    CorpusOptions opts;
    opts.force_format = InputFormat::html;
    auto r = read_paths({p}, opts);
    REQUIRE(r.docs.size() == 1);
    CHECK(r.docs[0].format == DocumentFormat::html);
  }

  SUBCASE("force_format jsonl reads any file as a corpus") {
    std::string p = dir.write("export.txt", "{\"text\": \"About 3,000 people.\"}\n");
    CorpusOptions opts;
    opts.force_format = InputFormat::jsonl;
    auto r = read_paths({p}, opts);
    REQUIRE(r.docs.size() == 1);
    CHECK(r.docs[0].raw == "About 3,000 people.");
  }
}

TEST_CASE("corpus: directories") {
  TempDir dir;
  dir.write("news/b.txt", "b");
  dir.write("news/A.txt", "A");
  dir.write("news/a.txt", "a");
  dir.write("news/a/z.md", "z");
  dir.write("news/a/y/deep.html", "<p>deep</p>");
  dir.write("news/c.jsonl", "{\"id\": \"c1\", \"text\": \"one\"}\n{\"text\": \"two\"}\n");
  dir.write("news/data.csv", "1,2,3");
  dir.write("news/image.png", "\x89PNG");
  dir.write("news/.hidden.txt", "hidden");
  dir.write("news/.git/config.txt", "hidden too");
  std::string root = (dir.path() / "news").string();

  SUBCASE("walked recursively in byte order, hidden entries and other extensions skipped") {
    auto r = read_paths({root});
    CHECK(r.ids() == std::vector<std::string>{root + "/A.txt", root + "/a/y/deep.html",
                                              root + "/a/z.md", root + "/a.txt", root + "/b.txt",
                                              "c1", root + "/c.jsonl:2"});
    CHECK(r.stats.skipped_files == 2);
    CHECK(r.stats.documents == 7);
    CHECK(r.stats.errors == 0);
    CHECK(r.diags.items.empty());
  }

  SUBCASE("the id joins the path as given with the walked path, without a double slash") {
    auto with_slash = read_paths({root + "/"});
    auto without = read_paths({root});
    REQUIRE(with_slash.docs.size() == without.docs.size());
    CHECK(with_slash.ids() == without.ids());
    CHECK(with_slash.docs[0].meta.id == root + "/A.txt");
  }

  SUBCASE("a relative directory keeps its spelling in ids") {
    auto cwd = std::filesystem::current_path();
    std::filesystem::current_path(dir.path());
    auto r = read_paths({"news"});
    auto dot = read_paths({"./news/a"});
    std::filesystem::current_path(cwd);
    REQUIRE(!r.docs.empty());
    CHECK(r.docs[0].meta.id == "news/A.txt");
    CHECK(dot.ids() == std::vector<std::string>{"./news/a/y/deep.html", "./news/a/z.md"});
  }

  SUBCASE("walked files are read by their format") {
    auto r = read_paths({root});
    auto it = std::find_if(r.docs.begin(), r.docs.end(),
                           [](const Document& d) { return d.meta.id.ends_with("deep.html"); });
    REQUIRE(it != r.docs.end());
    CHECK(it->format == DocumentFormat::html);
  }

  SUBCASE("ignore patterns prune the walk") {
    CorpusOptions opts;
    opts.ignore = {"a/", "*.jsonl"};
    auto r = read_paths({root}, opts);
    CHECK(r.ids() == std::vector<std::string>{root + "/A.txt", root + "/a.txt", root + "/b.txt"});
    CHECK(r.stats.skipped_files == 2);  // ignored files are not counted as skipped
  }

  SUBCASE("a file given explicitly is read even if ignore patterns match it") {
    CorpusOptions opts;
    opts.ignore = {"*.txt"};
    auto r = read_paths({root + "/b.txt"}, opts);
    CHECK(r.docs.size() == 1);
  }
}

TEST_CASE("corpus: stdin") {
  TempDir dir;

  SUBCASE("plain text by default, named '-'") {
    std::string p = dir.write("in.txt", "About 3,000 people.\n");
    StdinFrom in(p);
    auto r = read_paths({"-"});
    REQUIRE(r.docs.size() == 1);
    CHECK(r.docs[0].meta.id == "-");
    CHECK(r.docs[0].text == "About 3,000 people.\n");
  }

  SUBCASE("JSONL with stdin_format") {
    std::string p = dir.write("in.jsonl", "{\"text\": \"one\"}\n{\"id\": \"x\", \"text\": \"two\"}\n");
    StdinFrom in(p);
    CorpusOptions opts;
    opts.stdin_format = InputFormat::jsonl;
    auto r = read_paths({"-"}, opts);
    CHECK(r.ids() == std::vector<std::string>{"-:1", "x"});
  }

  SUBCASE("over the size limit: an error, nothing visited") {
    std::string p = dir.write("in.txt", std::string(5000, 'x'));
    StdinFrom in(p);
    CorpusOptions opts;
    opts.max_document_bytes = 1000;
    auto r = read_paths({"-"}, opts);
    CHECK(r.docs.empty());
    CHECK(r.stats.errors == 1);
  }
}

TEST_CASE("corpus: bad inputs cost one diagnostic each") {
  TempDir dir;
  std::string good = dir.write("good.txt", "About 3,000 people.");

  SUBCASE("a missing path") {
    std::string missing = (dir.path() / "missing.txt").string();
    auto r = read_paths({missing, good});
    CHECK(r.ids() == std::vector<std::string>{good});
    CHECK(r.stats.errors == 1);
    CHECK(r.messages() == std::vector<std::string>{missing + ": error: cannot read: No such file or directory"});
  }

  SUBCASE("a binary file") {
    std::string bin = dir.write("blob.txt", std::string("ab\0\1\2cd", 7));
    auto r = read_paths({bin, good});
    CHECK(r.ids() == std::vector<std::string>{good});
    CHECK(r.messages() == std::vector<std::string>{bin + ": error: binary file (not text), skipped"});
    CHECK(r.stats.errors == 1);
  }

  SUBCASE("a file over max_document_bytes is refused without being read") {
    std::string big = dir.write("big.txt", std::string(4096, 'x'));
    CorpusOptions opts;
    opts.max_document_bytes = 1024;
    auto r = read_paths({big, good}, opts);
    CHECK(r.ids() == std::vector<std::string>{good});
    REQUIRE(r.diags.items.size() == 1);
    CHECK(r.diags.items[0].path == big);
    CHECK(r.diags.items[0].message.find("size limit") != std::string::npos);
    CHECK(r.stats.errors == 1);
  }

  SUBCASE("invalid UTF-8: one warning, the document is still read") {
    std::string bad = dir.write("bad.txt", "caf\xE9 costs 3 euros and \xFF\xFE more");
    auto r = read_paths({bad});
    REQUIRE(r.docs.size() == 1);
    CHECK(r.docs[0].text == "caf\xEF\xBF\xBD costs 3 euros and \xEF\xBF\xBD\xEF\xBF\xBD more");
    CHECK(tally::testing::raw_of(r.docs[0], "more") == "more");
    REQUIRE(r.diags.items.size() == 1);
    CHECK(r.diags.items[0].level == Level::warning);
    CHECK(r.stats.errors == 0);
  }

  SUBCASE("errors inside a walked directory") {
    dir.write("tree/ok.txt", "fine");
    dir.write("tree/blob.md", std::string("\0\0\0", 3));
    auto r = read_paths({(dir.path() / "tree").string()});
    CHECK(r.docs.size() == 1);
    CHECK(r.stats.errors == 1);
  }

  SUBCASE("the errors of JSONL lines are counted") {
    std::string p = dir.write("c.jsonl", "{\"text\": \"a\"}\nnot json\n{\"text\": 3}\n{\"text\": \"b\"}\n");
    auto r = read_paths({p});
    CHECK(r.docs.size() == 2);
    CHECK(r.stats.errors == 2);
  }
}

TEST_CASE("corpus: symlinks") {
  TempDir dir;
  dir.write("root/a/one.txt", "one");
  dir.write("root/b/two.txt", "two");
  std::string root = (dir.path() / "root").string();
  std::error_code ec;

  SUBCASE("a loop back to an ancestor is survived, each file read once") {
    std::filesystem::create_directory_symlink("..", dir.path() / "root/a/up", ec);
    REQUIRE(!ec);
    auto r = read_paths({root});
    CHECK(r.ids() == std::vector<std::string>{root + "/a/one.txt", root + "/b/two.txt"});
    CHECK(r.stats.errors == 0);
  }

  SUBCASE("two directories linking to each other") {
    std::filesystem::create_directory_symlink("../b", dir.path() / "root/a/to-b", ec);
    std::filesystem::create_directory_symlink("../a", dir.path() / "root/b/to-a", ec);
    REQUIRE(!ec);
    auto r = read_paths({root});
    CHECK(r.docs.size() == 2);
  }

  SUBCASE("a link to a file is followed") {
    std::filesystem::create_symlink("a/one.txt", dir.path() / "root/link.txt", ec);
    REQUIRE(!ec);
    auto r = read_paths({root});
    CHECK(r.ids() == std::vector<std::string>{root + "/a/one.txt", root + "/b/two.txt", root + "/link.txt"});
  }

  SUBCASE("a dangling link named like a document is an error; otherwise skipped") {
    std::filesystem::create_symlink("nowhere.txt", dir.path() / "root/dangling.txt", ec);
    std::filesystem::create_symlink("nowhere.bin", dir.path() / "root/dangling.bin", ec);
    REQUIRE(!ec);
    auto r = read_paths({root});
    CHECK(r.docs.size() == 2);
    CHECK(r.stats.errors == 1);
    CHECK(r.stats.skipped_files == 1);
  }
}
