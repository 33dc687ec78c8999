// Tests for include/tally/small_string.hpp: a 16-byte string that behaves
// like std::string for the fields of Mention and Claim.
#include <doctest/doctest.h>

#include <map>
#include <set>
#include <sstream>
#include <string>
#include <unordered_set>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <tally/small_string.hpp>

using tally::SmallString;

TEST_CASE("small string: 16 bytes, inline up to 15 bytes") {
  CHECK(sizeof(SmallString) == 16);
  // Every length around the inline limit reads back the bytes it was given.
  for (std::size_t n = 0; n <= 40; ++n) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s += static_cast<char>('a' + i % 26);
    SmallString x = s;
    CAPTURE(n);
    CHECK(x.size() == n);
    CHECK(x.empty() == (n == 0));
    CHECK(x.view() == s);
    CHECK(x.on_heap() == (n > SmallString::k_inline_capacity));
    CHECK(x.c_str()[n] == '\0');
    CHECK(std::string(x.c_str()) == s);
  }
  SmallString empty;
  CHECK(empty.empty());
  CHECK(empty.c_str()[0] == '\0');
}

TEST_CASE("small string: bytes are kept as given, NUL and UTF-8 included") {
  const std::string with_nul("a\0b", 3);
  SmallString x = with_nul;
  CHECK(x.size() == 3);
  CHECK(x.view() == with_nul);
  const std::string degrees = "\xC2\xB0" "C";  // °C
  CHECK(SmallString(degrees) == degrees);
  const std::string long_nul = std::string(20, 'x') + std::string("\0y", 2);
  CHECK(SmallString(long_nul).view() == long_nul);
}

TEST_CASE("small string: copies are deep, moves leave the source empty") {
  for (std::string text : {"km", "a noun phrase longer than fifteen bytes"}) {
    CAPTURE(text);
    SmallString a = text;
    SmallString b = a;
    CHECK(b == a);
    if (a.on_heap()) CHECK(b.data() != a.data());
    b = "changed";
    CHECK(a == text);

    SmallString c = std::move(a);
    CHECK(c == text);
    CHECK(a.empty());  // NOLINT(bugprone-use-after-move): the moved-from state is specified
    a = c;
    CHECK(a == text);

    SmallString d;
    d = std::move(c);
    CHECK(d == text);
    CHECK(c.empty());  // NOLINT(bugprone-use-after-move)

    d = d;  // self-assignment keeps the value
    CHECK(d == text);
    d = std::move(d);
    CHECK(d == text);
  }
}

TEST_CASE("small string: assigning a view of itself") {
  SmallString s = "north korean troops in russia";
  s = s.view().substr(6, 6);
  CHECK(s == "korean");
  s = "abcdefghij";
  s = s.view().substr(2);
  CHECK(s == "cdefghij");
}

TEST_CASE("small string: append crosses the inline limit both ways") {
  SmallString s = "count";
  s += "/";
  s += "day";
  CHECK(s == "count/day");
  CHECK_FALSE(s.on_heap());
  s.append(" and a good deal more");
  CHECK(s == "count/day and a good deal more");
  CHECK(s.on_heap());
  s += '!';
  CHECK(s.back() == '!');
  s.clear();
  CHECK(s.empty());
  CHECK_FALSE(s.on_heap());
}

TEST_CASE("small string: compares and orders like std::string") {
  const std::string words[] = {"", "a", "ab", "b", "km", "kilometres and more", "kilometres and more!", "z"};
  for (const std::string& a : words)
    for (const std::string& b : words) {
      CAPTURE(a);
      CAPTURE(b);
      const SmallString sa = a, sb = b;
      CHECK((sa == sb) == (a == b));
      CHECK((sa < sb) == (a < b));
      CHECK((sa == b) == (a == b));
      CHECK((sa == std::string_view(b)) == (a == b));
      CHECK((sa == b.c_str()) == (a == b));
      CHECK((b == sa) == (a == b));
      CHECK((sa != b) == (a != b));
      CHECK((sa < std::string_view(b)) == (a < b));
    }
  // Usable as a key of ordered and hashed containers.
  std::set<SmallString> ordered = {"b", "a", "a long key that lives on the heap"};
  CHECK(*ordered.begin() == "a");
  std::unordered_set<SmallString> hashed = {"x", "x", "y"};
  CHECK(hashed.size() == 2);
  CHECK(std::hash<SmallString>{}(SmallString("km")) == std::hash<std::string_view>{}("km"));
}

TEST_CASE("small string: the std::string queries") {
  SmallString s = "in russia | troops";
  CHECK(s.find('|') == 10);
  CHECK(s.find("troops") == 12);
  CHECK(s.rfind(' ') == 11);
  CHECK(s.find("tanks") == SmallString::npos);
  CHECK(s.starts_with("in "));
  CHECK(s.ends_with("troops"));
  CHECK(s.substr(3, 6) == "russia");
  CHECK(s.front() == 'i');
  CHECK(s[3] == 'r');
  CHECK(std::string(s.begin(), s.end()) == s.str());
  CHECK("units: " + SmallString("km") == "units: km");
  CHECK(SmallString("km") + "/h" == "km/h");
}

TEST_CASE("small string: formatted, streamed and written to JSON as a string") {
  const SmallString s = "°C";
  CHECK(fmt::format("[{}]", s) == "[°C]");
  CHECK(fmt::format("[{:>5}]", SmallString("km")) == "[   km]");
  std::ostringstream os;
  os << SmallString("a string long enough for the heap");
  CHECK(os.str() == "a string long enough for the heap");

  nlohmann::json j;
  j["unit"] = SmallString("km/h");
  j["phrase"] = SmallString("North Korean soldiers sent to Russia");
  CHECK(j.dump() == R"({"phrase":"North Korean soldiers sent to Russia","unit":"km/h"})");
  CHECK(j["unit"].get<SmallString>() == "km/h");
}
