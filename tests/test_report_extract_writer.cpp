// Tests of `tally extract` output (src/report/extract_writer.cpp): the text
// table's document headings and rows cannot be broken by what a corpus says.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <tally/report.hpp>

#include "report_fixtures.hpp"

namespace {

using namespace tally;
using namespace tally::testing;

std::string render(const std::vector<Claim>& claims, ExtractFormat format) {
  std::ostringstream out;
  ExtractWriter w(out, format, {});
  for (const Claim& c : claims) w.add(c);
  w.finish();
  return out.str();
}

}  // namespace

TEST_CASE("report: extract text headings") {
  ReportFixture fx;
  fx.add_document(meta("news/a.txt", "Kyiv Wire", "2024-10-17"), "They said 3,000 troops.\n",
                  {{.text = "3,000", .value = 3000}});
  const std::string out = render(fx.claims, ExtractFormat::text);
  CHECK(out.rfind("news/a.txt (Kyiv Wire, 2024-10-17)\n", 0) == 0);
  CHECK(out.find("1:11  3,000") != std::string::npos);
}

TEST_CASE("report: extract text from a hostile corpus") {
  ReportFixture fx;
  DocumentMeta m =
      meta("wire\n::error::forged-id", "Wire\r\n::error file=x::forged\x1b[2J", "2024-10-17");
  auto a = fx.add_document(m, "They said 3,000 troops.\n", {{.text = "3,000", .value = 3000}});
  fx.claims[a[0]].mention.attribution = "Officials\n::warning::forged";
  const std::string out = render(fx.claims, ExtractFormat::text);

  SUBCASE("no line starts with a forged command") {
    std::istringstream in(out);
    for (std::string line; std::getline(in, line);) {
      CAPTURE(line);
      CHECK(line.rfind("::", 0) != 0);
    }
  }
  SUBCASE("no carriage return or terminal escape") {
    CHECK(out.find('\r') == std::string::npos);
    CHECK(out.find('\x1b') == std::string::npos);
  }
  SUBCASE("the text is kept, folded onto one line") {
    CHECK(out.find("wire ::error::forged-id (Wire ::error file=x::forged") != std::string::npos);
    CHECK(out.find("per Officials ::warning::forged") != std::string::npos);
  }
}
