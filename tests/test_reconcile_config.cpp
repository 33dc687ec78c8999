// Tests for src/reconcile/config.cpp: parsing, validation with key paths and
// lines, discovery, overrides and globs.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <tally/config.hpp>

namespace fs = std::filesystem;
using namespace tally;

namespace {

// A fresh directory under the system temp dir, removed at scope exit.
struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& name) {
    path = fs::temp_directory_path() / ("tally-config-test-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  void write(const std::string& rel, const std::string& text) const {
    fs::create_directories((path / rel).parent_path());
    std::ofstream(path / rel) << text;
  }
};

}  // namespace

TEST_CASE("reconcile config: severity names") {
  CHECK(to_string(Severity::note) == "note");
  CHECK(to_string(Severity::error) == "error");
  CHECK(parse_severity("warning") == Severity::warning);
  CHECK_FALSE(parse_severity("fatal"));
  CHECK(Severity::error > Severity::warning);
}

TEST_CASE("reconcile config: the documented example parses") {
  const char* text = R"({
    // a round "3,000" stated as approximate covers ±15%
    "tolerance": {"approximate": 0.2, "nearly": 0.05, "exact_max": 0.03, "vague": 0.1, "arithmetic": 0.02},
    "severity": {"error_ratio": 1.5},
    "fail_on": "warning",
    "synonyms": {"Troops": ["Marines", "sailors"]},
    "ignore": {"paths": ["drafts/**"], "subjects": ["page views"]},
    "currency_rates": {"eur": 1.08, "GBP": 1.27},   /* to USD */
    "markdown": {"code": true},
    "overrides": [{"paths": ["docs/**"], "fail_on": "never", "tolerance": {"approximate": 0.3}}]
  })";
  auto cfg = parse_config(text, "tally.json");
  REQUIRE(cfg);
  CHECK(cfg->tolerance.approximate == doctest::Approx(0.2));
  CHECK(cfg->tolerance.nearly == doctest::Approx(0.05));
  CHECK(cfg->tolerance.exact_max == doctest::Approx(0.03));
  CHECK(cfg->tolerance.vague == doctest::Approx(0.1));
  CHECK(cfg->tolerance.arithmetic == doctest::Approx(0.02));
  CHECK(cfg->severity.error_ratio == doctest::Approx(1.5));
  CHECK(cfg->fail_on == Severity::warning);
  CHECK(cfg->synonyms.at("troops") == std::vector<std::string>{"marines", "sailors"});
  CHECK(cfg->ignore_paths == std::vector<std::string>{"drafts/**"});
  CHECK(cfg->ignore_subjects == std::vector<std::string>{"page views"});
  CHECK(cfg->currency_rates.at("EUR") == doctest::Approx(1.08));
  CHECK(cfg->markdown_code);
  REQUIRE(cfg->overrides.size() == 1);
  CHECK(cfg->overrides[0].fail_on == std::optional<FailOn>(FailOn{}));
  REQUIRE(cfg->overrides[0].tolerance);
  // An override starts from the top-level tolerances.
  CHECK(cfg->overrides[0].tolerance->approximate == doctest::Approx(0.3));
  CHECK(cfg->overrides[0].tolerance->nearly == doctest::Approx(0.05));
  CHECK(cfg->origin == "tally.json");
}

TEST_CASE("reconcile config: errors name the key and its line") {
  SUBCASE("unknown key") {
    auto cfg = parse_config("{\n  \"tolerance\": {\n    \"aproximate\": 0.2\n  }\n}", "tally.json");
    REQUIRE_FALSE(cfg);
    CHECK(cfg.error().format() == "tally.json:3: error: unknown key \"tolerance.aproximate\"");
  }
  SUBCASE("unknown top-level key") {
    auto cfg = parse_config("{\"tolerances\": {}}", "t.json");
    REQUIRE_FALSE(cfg);
    CHECK(cfg.error().message == "unknown key \"tolerances\"");
    CHECK(cfg.error().line == 1);
  }
  SUBCASE("wrong type") {
    auto cfg = parse_config("{\n\"fail_on\": 3}", "tally.json");
    REQUIRE_FALSE(cfg);
    CHECK(cfg.error().line == 2);
    CHECK(cfg.error().message.find("\"fail_on\"") != std::string::npos);
    CHECK(cfg.error().message.find("number") != std::string::npos);
  }
  SUBCASE("wrong type in an array") {
    auto cfg = parse_config("{\"ignore\": {\"paths\": [\"a\", 2]}}", "tally.json");
    REQUIRE_FALSE(cfg);
    CHECK(cfg.error().message.find("ignore.paths[1]") != std::string::npos);
  }
  SUBCASE("unknown key in an override") {
    auto cfg = parse_config("{\"overrides\": [\n{\"paths\": [\"x\"]},\n{\"paths\": [\"y\"], \"failon\": \"note\"}]}", "c.json");
    REQUIRE_FALSE(cfg);
    CHECK(cfg.error().message == "unknown key \"overrides[1].failon\"");
    CHECK(cfg.error().line == 3);
  }
  SUBCASE("values out of range") {
    for (const char* text : {R"({"tolerance": {"approximate": 1.5}})", R"({"tolerance": {"nearly": -0.1}})",
                             R"({"severity": {"error_ratio": 0.9}})", R"({"fail_on": "sometimes"})",
                             R"({"currency_rates": {"EUR": 0}})", R"({"overrides": [{"fail_on": "note"}]})"}) {
      CAPTURE(text);
      CHECK_FALSE(parse_config(text, "tally.json"));
    }
  }
  SUBCASE("not JSON") {
    auto cfg = parse_config("{\n  \"fail_on\": \"error\",\n  oops\n}", "tally.json");
    REQUIRE_FALSE(cfg);
    CHECK(cfg.error().line == 3);
    CHECK(cfg.error().message.rfind("not valid JSON", 0) == 0);
  }
  SUBCASE("$schema is accepted") { CHECK(parse_config(R"({"$schema": "x", "fail_on": "never"})", "t")); }
}

TEST_CASE("reconcile config: fail_on never") {
  auto cfg = parse_config(R"({"fail_on": "never"})", "t");
  REQUIRE(cfg);
  CHECK_FALSE(cfg->fail_on.has_value());
}

TEST_CASE("reconcile config: discovery") {
  TempDir dir("discover");
  SUBCASE("nothing found: defaults") {
    dir.write("repo/.git/HEAD", "ref");
    fs::create_directories(dir.path / "repo/a/b");
    auto cfg = load_config("", (dir.path / "repo/a/b").string());
    REQUIRE(cfg);
    CHECK(cfg->origin.empty());
    CHECK(cfg->tolerance.approximate == doctest::Approx(0.15));
    CHECK(cfg->fail_on == Severity::error);
  }
  SUBCASE("found upwards") {
    dir.write("repo/.git/HEAD", "ref");
    dir.write("repo/tally.json", R"({"fail_on": "note"})");
    fs::create_directories(dir.path / "repo/a/b");
    auto cfg = load_config("", (dir.path / "repo/a/b").string());
    REQUIRE(cfg);
    CHECK(cfg->fail_on == Severity::note);
    CHECK(cfg->origin.find("tally.json") != std::string::npos);
  }
  SUBCASE("hidden name") {
    dir.write("repo/.git/HEAD", "ref");
    dir.write("repo/a/.tally.json", R"({"fail_on": "warning"})");
    fs::create_directories(dir.path / "repo/a/b");
    auto cfg = load_config("", (dir.path / "repo/a/b").string());
    REQUIRE(cfg);
    CHECK(cfg->fail_on == Severity::warning);
  }
  SUBCASE("stops at the repository top") {
    dir.write("tally.json", R"({"fail_on": "note"})");
    dir.write("repo/.git/HEAD", "ref");
    fs::create_directories(dir.path / "repo/sub");
    auto cfg = load_config("", (dir.path / "repo/sub").string());
    REQUIRE(cfg);
    CHECK(cfg->origin.empty());
  }
  SUBCASE("explicit path") {
    dir.write("custom.json", "{\"severity\": {\"error_ratio\": 2}}");
    auto cfg = load_config((dir.path / "custom.json").string());
    REQUIRE(cfg);
    CHECK(cfg->severity.error_ratio == doctest::Approx(2.0));
    auto missing = load_config((dir.path / "missing.json").string());
    REQUIRE_FALSE(missing);
    CHECK(missing.error().path.find("missing.json") != std::string::npos);
  }
  SUBCASE("a bad discovered file is an error") {
    dir.write("repo/.git/HEAD", "ref");
    dir.write("repo/tally.json", R"({"tolerance": {"approx": 1}})");
    auto cfg = load_config("", (dir.path / "repo").string());
    REQUIRE_FALSE(cfg);
    CHECK(cfg.error().message == "unknown key \"tolerance.approx\"");
  }
}

TEST_CASE("reconcile config: globs") {
  struct Case {
    const char* pattern;
    const char* path;
    bool match;
  };
  const Case cases[] = {
      {"drafts/**", "drafts/a.md", true},
      {"drafts/**", "corpora/news/drafts/a.md", true},
      {"drafts/**", "draftsx/a.md", false},
      {"*.md", "README.md", true},
      {"*.md", "docs/config.md", true},
      {"docs/*.md", "docs/config.md", true},
      {"docs/*.md", "docs/deep/config.md", false},
      {"docs/**/*.md", "docs/deep/config.md", true},
      {"docs/**/*.md", "docs/config.md", true},
      {"/docs/*.md", "x/docs/config.md", false},
      {"news/?.txt", "news/a.txt", true},
      {"news/?.txt", "news/ab.txt", false},
      {"**", "anything/at/all", true},
      {"README.md", "./README.md", true},
  };
  for (const Case& c : cases) {
    CAPTURE(c.pattern);
    CAPTURE(c.path);
    CHECK(glob_match(c.pattern, c.path) == c.match);
  }
}

TEST_CASE("reconcile config: per-path lookups") {
  auto cfg = parse_config(R"({
    "fail_on": "error",
    "tolerance": {"approximate": 0.1},
    "ignore": {"paths": ["drafts/**"]},
    "overrides": [
      {"paths": ["docs/**"], "fail_on": "warning", "tolerance": {"approximate": 0.25}},
      {"paths": ["docs/legacy/**"], "fail_on": "never"}
    ]})",
                          "t");
  REQUIRE(cfg);
  CHECK(fail_on_for(*cfg, "news/a.txt") == Severity::error);
  CHECK(fail_on_for(*cfg, "docs/a.md") == Severity::warning);
  CHECK_FALSE(fail_on_for(*cfg, "docs/legacy/a.md").has_value());
  CHECK(tolerances_for(*cfg, "news/a.txt").approximate == doctest::Approx(0.1));
  CHECK(tolerances_for(*cfg, "docs/legacy/a.md").approximate == doctest::Approx(0.25));
  CHECK(path_ignored(*cfg, "corpus/drafts/x.txt"));
  CHECK_FALSE(path_ignored(*cfg, "corpus/x.txt"));
}
