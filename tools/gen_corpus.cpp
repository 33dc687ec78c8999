// gen-corpus: news-like English text dense with figures, for benchmarks.
//
//   gen-corpus --docs 1000 > corpus.jsonl               # independent articles
//   gen-corpus --size-mb 100 -o big.jsonl               # ~100 MB of JSONL
//   gen-corpus --mode shared --docs 100000 -o c.jsonl   # many sources, shared stories
//   gen-corpus --format txt --docs 50 -o dir/           # one .txt file per document
//
// Output is a pure function of the options: the same seed gives the same
// bytes on every machine (own PRNG, no std distributions, no locale, no hash
// containers, no clock).
//
// Mode `news`: every article is about its own things; figures of every kind
// (counts, money, lengths, percentages, durations, ranges, qualifiers,
// spelled-out and vague numbers, rates, plans) plus things that are not
// figures (years, dates, times, ordinals, ages, identifiers).
//
// Mode `shared`: stories (a deployment of troops, a disaster, company
// results, a construction project, a budget, an election) each reported by
// many outlets over several days. Most outlets report the story's figures
// with their own wording and rounding; some get one wrong (a transposed
// digit, another count); tolls rise from day to day (drift); plans and
// counts of the same troops sit side by side (aspect). Background sentences
// from the `news` generator add unrelated figures, as in real articles.
#include <algorithm>
#include <array>
#include <cinttypes>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace {

// ---------------------------------------------------------------- random

// xoshiro256** seeded through splitmix64: same sequence everywhere.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) {
    for (auto& w : s_) {
      seed += 0x9e3779b97f4a7c15ULL;
      std::uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
      w = z ^ (z >> 31);
    }
  }
  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }
  // Uniform in [0, n); n > 0. The tiny modulo bias does not matter here.
  std::uint64_t below(std::uint64_t n) { return next() % n; }
  long long between(long long lo, long long hi) {  // inclusive
    return lo + static_cast<long long>(below(static_cast<std::uint64_t>(hi - lo + 1)));
  }
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  double real(double lo, double hi) { return lo + (hi - lo) * unit(); }
  bool chance(double p) { return unit() < p; }
  template <class T, std::size_t N>
  const T& pick(const std::array<T, N>& a) {
    return a[below(N)];
  }
  template <class T>
  const T& pick(const std::vector<T>& a) {
    return a[below(a.size())];
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
};

using SV = std::string_view;
template <std::size_t N>
using Words = std::array<SV, N>;

// ---------------------------------------------------------------- vocabularies

constexpr Words<48> kPlaces = {
    "Kharkiv",  "Odesa",     "Dnipro",    "Lviv",      "Kherson",   "Zaporizhzhia", "Mykolaiv",
    "Sumy",     "Poltava",   "Chernihiv", "Kursk",     "Belgorod",  "Rostov",       "Valencia",
    "Porto",    "Lyon",      "Gdansk",    "Brno",      "Tampere",   "Aarhus",       "Bergen",
    "Leeds",    "Glasgow",   "Cork",      "Antwerp",   "Utrecht",   "Graz",         "Split",
    "Cluj",     "Varna",     "Izmir",     "Adana",     "Mosul",     "Basra",        "Aleppo",
    "Homs",     "Sfax",      "Oran",      "Kano",      "Mombasa",   "Durban",       "Recife",
    "Cordoba",  "Medellin",  "Tucson",    "Halifax",   "Darwin",    "Cebu"};
constexpr Words<20> kCountries = {
    "Ukraine",  "Russia",   "Poland",    "Germany", "France",  "Spain",   "Italy",
    "Turkey",   "Iraq",     "Syria",     "Nigeria", "Kenya",   "Brazil",  "Chile",
    "Canada",   "Australia", "Japan",    "India",   "Indonesia", "Mexico"};
struct Nation {
  SV adjective;
  SV country;
};
constexpr std::array<Nation, 16> kNations = {{{"North Korean", "North Korea"},
                                              {"Russian", "Russia"},
                                              {"Ukrainian", "Ukraine"},
                                              {"Polish", "Poland"},
                                              {"German", "Germany"},
                                              {"French", "France"},
                                              {"British", "Britain"},
                                              {"American", "the United States"},
                                              {"Turkish", "Turkey"},
                                              {"Iranian", "Iran"},
                                              {"Belarusian", "Belarus"},
                                              {"Chechen", "Chechnya"},
                                              {"Kenyan", "Kenya"},
                                              {"Nigerian", "Nigeria"},
                                              {"Indian", "India"},
                                              {"Japanese", "Japan"}}};
constexpr Words<24> kFirst = {"Olena", "Andriy", "Maria", "James",  "Sofia",  "Ahmed",
                              "Li",    "Pierre", "Anna",  "Tomasz", "Yuki",   "Carlos",
                              "Fatima", "David", "Ingrid", "Kwame", "Elena",  "Marco",
                              "Priya", "Oleksandr", "Helen", "Omar", "Nadia", "Viktor"};
constexpr Words<24> kLast = {"Kovalenko", "Shevchenko", "Smith",   "Novak",   "Garcia",
                             "Haddad",    "Chen",       "Dubois",  "Kowalski", "Tanaka",
                             "Silva",     "Okafor",     "Larsen",  "Mensah",  "Rossi",
                             "Patel",     "Bondarenko", "Walsh",   "Nasser",  "Petrova",
                             "Moreau",    "Fischer",    "Yilmaz",  "Mwangi"};
constexpr Words<14> kRoles = {"a spokesperson for the regional administration",
                              "the defence minister",
                              "the head of the emergency service",
                              "a senior official",
                              "the governor",
                              "the company's chief financial officer",
                              "an analyst at a Kyiv think tank",
                              "the mayor",
                              "a military intelligence officer",
                              "the finance minister",
                              "the project director",
                              "a union representative",
                              "the chief executive",
                              "a police spokesperson"};
constexpr Words<14> kGroups = {"officials", "the ministry of defence", "local authorities",
                               "the general staff", "the emergency service", "police",
                               "the regional governor", "military intelligence", "the company",
                               "the statistics office", "the central bank", "analysts",
                               "the United Nations", "rescue workers"};
constexpr Words<7> kWeekdays = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                "Friday", "Saturday", "Sunday"};
constexpr Words<12> kMonths = {"January", "February", "March",     "April",   "May",      "June",
                               "July",    "August",   "September", "October", "November", "December"};
constexpr Words<9> kOutletWords = {"Wire",   "Daily",  "Herald", "Post",   "Times",
                                   "Observer", "Tribune", "Gazette", "Courier"};
constexpr Words<16> kSyllables = {"nor", "vex", "al", "tri", "dan", "ko", "mer", "ix",
                                  "sol", "ar",  "ven", "ta", "lu",  "max", "or", "gen"};
constexpr Words<8> kCompanySuffix = {"Corp", "Group", "Holdings", "Energy", "Systems",
                                     "Motors", "Foods", "Telecom"};
constexpr Words<6> kDisasters = {"earthquake", "flood", "landslide", "storm", "wildfire",
                                 "building collapse"};
constexpr Words<5> kStructures = {"bridge", "pipeline", "motorway", "railway line", "tunnel"};
// Sentences without figures, so the density of figures is news-like.
constexpr Words<24> kFillers = {
    "The situation remained tense through the night.",
    "Residents were urged to stay indoors.",
    "The report could not be independently verified.",
    "Talks are expected to resume next week.",
    "Critics called the decision premature.",
    "The figures were published on the ministry's website.",
    "Neither side commented on the claims.",
    "Further details were not immediately available.",
    "Opposition leaders accused the government of hiding the true scale of the problem.",
    "The announcement came after weeks of speculation in the local press.",
    "Diplomats in the capital described the mood as cautious but hopeful.",
    "Shares in the company fell sharply in early trading before recovering.",
    "Aid agencies said access to the worst-hit areas was still limited.",
    "The decision is likely to face legal challenges from several regional councils.",
    "Officials declined to say when the work would be completed.",
    "Witnesses described long queues at petrol stations and bakeries.",
    "The ministry said it would publish a full breakdown later this month.",
    "Independent observers have questioned how the estimates were produced.",
    "Engineers are still assessing the damage to the main road.",
    "The plan was welcomed by business groups but criticised by unions.",
    "Several schools and hospitals remained closed as a precaution.",
    "It is not the first time the project has run into difficulties.",
    "Local journalists were not allowed into the area.",
    "Investors will be watching closely for any change in policy."};

// ---------------------------------------------------------------- numbers

std::string digits(long long v) {  // 1234567 -> "1,234,567"
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld", v < 0 ? -v : v);
  std::string s = buf, out;
  int n = static_cast<int>(s.size());
  for (int i = 0; i < n; ++i) {
    out += s[static_cast<std::size_t>(i)];
    if ((n - i - 1) % 3 == 0 && i != n - 1) out += ',';
  }
  return v < 0 ? "-" + out : out;
}

std::string decimal(double v, int places) {  // C locale: '.' always
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", places, v);
  std::string s = buf;
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

constexpr Words<20> kOnes = {"zero",    "one",     "two",       "three",    "four",
                             "five",    "six",     "seven",     "eight",    "nine",
                             "ten",     "eleven",  "twelve",    "thirteen", "fourteen",
                             "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
constexpr Words<10> kTens = {"",      "",      "twenty",  "thirty", "forty",
                             "fifty", "sixty", "seventy", "eighty", "ninety"};

std::string spell_below_1000(long long v) {
  std::string out;
  if (v >= 100) {
    out = std::string(kOnes[static_cast<std::size_t>(v / 100)]) + " hundred";
    v %= 100;
    if (v == 0) return out;
    out += " and ";
  }
  if (v < 20) return out + std::string(kOnes[static_cast<std::size_t>(v)]);
  out += kTens[static_cast<std::size_t>(v / 10)];
  if (v % 10) out += "-" + std::string(kOnes[static_cast<std::size_t>(v % 10)]);
  return out;
}

std::string spell(long long v) {  // v < 1e9
  if (v < 1000) return spell_below_1000(v);
  std::string out;
  if (v >= 1000000) {
    out = spell_below_1000(v / 1000000) + " million";
    v %= 1000000;
    if (v == 0) return out;
    out += " ";
  }
  if (v >= 1000) {
    out += spell_below_1000(v / 1000) + " thousand";
    v %= 1000;
    if (v == 0) return out;
    out += v < 100 ? " and " : " ";
  }
  return out + spell_below_1000(v);
}

// A count of plausible precision: round figures more often than not.
long long plausible(Rng& r, long long lo, long long hi) {
  long long v = r.between(lo, hi);
  double p = r.unit();
  long long step = 1;
  if (p < 0.45) step = v >= 10000 ? 1000 : v >= 1000 ? 100 : 10;
  else if (p < 0.75) step = v >= 10000 ? 100 : v >= 1000 ? 50 : 5;
  if (step > 1) v = std::max(step, (v + step / 2) / step * step);
  return v;
}

// How a count is written: digits, separators, scale words, spelled out.
std::string count_text(Rng& r, long long v) {
  double p = r.unit();
  if (v == 12 && p < 0.3) return "a dozen";
  if (v == 500000 && p < 0.5) return "half a million";
  if (v >= 1000000) {
    double m = static_cast<double>(v) / 1e6;
    if (p < 0.5) return decimal(m, 2) + " million";
    if (p < 0.65) return decimal(m, 2) + "m";
    if (p < 0.75) return decimal(m, 2) + "mn";
    return digits(v);
  }
  if (v >= 1000 && v % 1000 == 0 && p < 0.15) return digits(v / 1000) + "k";
  if (v >= 1000 && v % 100 == 0 && p < 0.25) return spell(v);
  if (v >= 1000 && v % 1000 == 0 && p < 0.33) return digits(v / 1000) + " thousand";
  if (v < 100 && p < 0.45) return spell(v);
  if (v >= 10000 && p < 0.37) {  // "10 000", with a no-break or thin space
    std::string d = digits(v), sep = r.chance(0.5) ? "\u00a0" : "\u202f";
    std::string out;
    for (char c : d) out += c == ',' ? sep : std::string(1, c);
    return out;
  }
  return digits(v);
}

// A qualifier before a figure, often none.
SV qualifier(Rng& r) {
  static constexpr Words<30> q = {
      "about",       "approximately", "around",      "roughly",   "some",
      "an estimated", "nearly",       "almost",      "close to",  "just under",
      "at least",    "no fewer than", "more than",   "over",      "in excess of",
      "upwards of",  "up to",         "as many as",  "fewer than", "less than",
      "about",       "more than",     "at least",    "nearly",    "approximately",
      "a minimum of", "no more than", "a maximum of", "exceeding", "around"};
  return r.chance(0.45) ? SV{} : r.pick(q);
}

std::string qualified(Rng& r, long long v) {
  SV q = qualifier(r);
  std::string n = count_text(r, v);
  if (q.empty()) {
    if (r.chance(0.03)) return digits(v) + "+";
    if (r.chance(0.03)) return n + " or so";
    return n;
  }
  return std::string(q) + " " + n;
}

// A range around v: "between A and B", "A-B", "A–B", "from A to B", "15 to 20 million".
std::string range_text(Rng& r, long long v) {
  long long lo = std::max<long long>(1, v - v / 10), hi = v + v / 8;
  if (v >= 1000000) {
    long long a = lo / 1000000, b = std::max(a + 1, hi / 1000000);
    switch (r.below(3)) {
      case 0: return "between " + digits(a) + " and " + digits(b) + " million";
      case 1: return digits(a) + " to " + digits(b) + " million";
      default: return digits(a) + "\u2013" + digits(b) + " million";
    }
  }
  long long step = v >= 1000 ? 100 : v >= 100 ? 10 : 1;
  lo = std::max(step, lo / step * step);
  hi = std::max(lo + step, hi / step * step);
  switch (r.below(5)) {
    case 0: return "between " + digits(lo) + " and " + digits(hi);
    case 1: return digits(lo) + "-" + digits(hi);
    case 2: return digits(lo) + "\u2013" + digits(hi);
    case 3: return "from " + digits(lo) + " to " + digits(hi);
    default:
      if (lo >= 1000 && lo % 1000 == 0 && hi % 1000 == 0)
        return "between " + digits(lo / 1000) + " and " + digits(hi / 1000) + " thousand";
      return "between " + digits(lo) + " and " + digits(hi);
  }
}

// A count in any of its written forms: qualified, range, or vague.
std::string any_count(Rng& r, long long v) {
  double p = r.unit();
  if (p < 0.12) return range_text(r, v);
  if (p < 0.18) {
    if (v >= 100000) return "hundreds of thousands of";
    if (v >= 20000) return "tens of thousands of";
    if (v >= 2000) return r.chance(0.5) ? "thousands of" : "several thousand";
    if (v >= 200) return r.chance(0.5) ? "hundreds of" : "a few hundred";
    if (v >= 24) return "dozens of";
  }
  return qualified(r, v);
}

struct Money {
  double amount;  // in units of the currency
  int currency;   // index into kCurrencies
};
struct Currency {
  SV symbol, code, word;
};
constexpr std::array<Currency, 6> kCurrencies = {{{"$", "USD", "dollars"},
                                                  {"\u20ac", "EUR", "euros"},
                                                  {"\u00a3", "GBP", "pounds"},
                                                  {"\u20b4", "UAH", "hryvnias"},
                                                  {"\u20bd", "RUB", "rubles"},
                                                  {"\u00a5", "JPY", "yen"}}};

std::string money_text(Rng& r, double amount, int currency) {
  const Currency& c = kCurrencies[static_cast<std::size_t>(currency)];
  std::string sym(c.symbol), code(c.code), word(c.word);
  double p = r.unit();
  if (amount >= 1e9) {
    std::string n = decimal(amount / 1e9, 2);
    if (p < 0.35) return sym + n + "bn";
    if (p < 0.6) return sym + n + " billion";
    if (p < 0.75) return n + " billion " + word;
    if (p < 0.85) return code + " " + n + "bn";
    return sym + n + " billion";
  }
  if (amount >= 1e6) {
    std::string n = decimal(amount / 1e6, 2);
    if (p < 0.3) return sym + n + "m";
    if (p < 0.6) return sym + n + " million";
    if (p < 0.75) return n + " million " + word;
    if (p < 0.85) return code + " " + n + " million";
    return sym + n + "mn";
  }
  std::string n = digits(static_cast<long long>(std::llround(amount)));
  if (p < 0.5) return sym + n;
  if (p < 0.7) return code + " " + n;
  if (p < 0.85) return n + " " + code;
  return n + " " + word;
}

std::string percent_text(Rng& r, double v) {
  std::string n = decimal(v, 1);
  switch (r.below(4)) {
    case 0: return n + " percent";
    case 1: return n + " per cent";
    default: return n + "%";
  }
}

// ---------------------------------------------------------------- dates

struct Date {
  int y, m, d;  // m 1..12
};
int days_in(int y, int m) {
  static constexpr int k[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : k[m - 1];
}
Date add_days(Date t, int n) {
  while (n-- > 0) {
    if (++t.d > days_in(t.y, t.m)) {
      t.d = 1;
      if (++t.m > 12) t.m = 1, ++t.y;
    }
  }
  return t;
}
int weekday(Date t) {  // 0 = Monday (Sakamoto)
  static constexpr int k[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
  int y = t.y - (t.m < 3);
  int w = (y + y / 4 - y / 100 + y / 400 + k[t.m - 1] + t.d) % 7;  // 0 = Sunday
  return (w + 6) % 7;
}
std::string iso(Date t) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", t.y, t.m, t.d);
  return buf;
}
std::string long_date(Date t) {
  return std::to_string(t.d) + " " + std::string(kMonths[static_cast<std::size_t>(t.m - 1)]) +
         " " + std::to_string(t.y);
}

// ---------------------------------------------------------------- sentences

std::string person(Rng& r) {
  return std::string(r.pick(kFirst)) + " " + std::string(r.pick(kLast));
}

// Who said it, as the subject of "said".
std::string speaker(Rng& r) {
  switch (r.below(4)) {
    case 0: return person(r) + ", " + std::string(r.pick(kRoles)) + ",";
    case 1: return person(r);
    default: return std::string(r.pick(kGroups));
  }
}

std::string cap(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

// Wraps a clause with an attribution in one of several shapes.
std::string attributed(Rng& r, const std::string& clause) {
  switch (r.below(5)) {
    case 0: return cap(speaker(r)) + " said " + clause + ".";
    case 1: return cap(clause) + ", " + speaker(r) + " said.";
    case 2: return "According to " + std::string(r.pick(kGroups)) + ", " + clause + ".";
    case 3: return cap(clause) + ", " + speaker(r) + " told reporters on " +
                   std::string(r.pick(kWeekdays)) + ".";
    default: return cap(clause) + ".";
  }
}

std::string company(Rng& r) {
  std::string n = cap(std::string(r.pick(kSyllables)) + std::string(r.pick(kSyllables)));
  return n + " " + std::string(r.pick(kCompanySuffix));
}

// One sentence of independent news, dense with figures (and some non-figures).
std::string news_sentence(Rng& r) {
  const Nation& nat = r.pick(kNations);
  SV place = r.pick(kPlaces);
  switch (r.below(30)) {
    case 0:
      return attributed(r, any_count(r, plausible(r, 500, 20000)) + " " + std::string(nat.adjective) +
                               " " + std::string(r.pick(Words<4>{"troops", "soldiers", "servicemen", "personnel"})) +
                               " had been deployed near " + std::string(place));
    case 1:
      return attributed(r, "the death toll from the " + std::string(r.pick(kDisasters)) + " in " +
                               std::string(place) + " had risen to " + digits(plausible(r, 3, 900)));
    case 2:
      return cap(company(r)) + " reported third-quarter revenue of " +
             money_text(r, r.real(2e6, 9e10), static_cast<int>(r.below(3))) + ", up " +
             percent_text(r, r.real(0.5, 35)) + " from a year earlier.";
    case 3: {
      double km = static_cast<double>(r.between(2, 900)) + (r.chance(0.3) ? r.real(0, 1) : 0);
      return "The new " + std::string(r.pick(kStructures)) + " will be " + decimal(km, 1) + " km (" +
             decimal(km / 1.609344, 1) + " miles) long and is expected to take " +
             count_text(r, r.between(6, 48)) + " months to build.";
    }
    case 4:
      return "Turnout was " + percent_text(r, r.real(35, 80)) + ", " +
             decimal(r.real(0.5, 9), 1) + " percentage points lower than in " +
             std::to_string(r.between(2004, 2020)) + ".";
    case 5:
      return attributed(r, "the government intends to train " + count_text(r, plausible(r, 1000, 50000)) +
                               " soldiers by the end of " + std::string(r.pick(kMonths)));
    case 6:
      return attributed(r, "as many as " + count_text(r, plausible(r, 100, 5000)) +
                               " more troops could join them in the coming weeks");
    case 7:
      return "Temperatures reached " + std::to_string(r.between(28, 46)) + "\u00b0C in " +
             std::string(place) + " on " + std::string(r.pick(kWeekdays)) + ", with winds of up to " +
             std::to_string(r.between(40, 160)) + " km/h.";
    case 8:
      return "The " + std::to_string(r.between(50, 2000)) + " MW solar farm will produce about " +
             decimal(r.real(0.1, 5), 1) + " TWh a year.";
    case 9:
      return "Some " + count_text(r, plausible(r, 100, 3000)) + " refugees were crossing the border a day, " +
             std::string(r.pick(kGroups)) + " said.";
    case 10:
      return attributed(r, any_count(r, plausible(r, 1000, 500000)) + " people had been evacuated from " +
                               std::string(place));
    case 11:
      return "The budget of " + money_text(r, r.real(1e7, 5e10), static_cast<int>(r.below(6))) +
             " was approved on " + long_date({static_cast<int>(r.between(2015, 2025)),
                                              static_cast<int>(r.between(1, 12)),
                                              static_cast<int>(r.between(1, 28))}) + ".";
    case 12:
      return "Inflation slowed to " + percent_text(r, r.real(1, 25)) + " in " +
             std::string(r.pick(kMonths)) + ", the central bank said.";
    case 13:
      return "A " + std::to_string(r.between(14, 19)) + "-year-old was among the " +
             count_text(r, plausible(r, 2, 60)) + " people injured, police said.";
    case 14:
      return "Flight BA" + std::to_string(r.between(100, 999)) + " was diverted to " +
             std::string(place) + " at " + std::to_string(r.between(10, 23)) + ":" +
             std::to_string(r.between(10, 59)) + " with " + digits(r.between(80, 350)) + " passengers on board.";
    case 15:
      return "It was the second time in " + std::to_string(r.between(2, 12)) +
             " years that the " + std::string(r.pick(kStructures)) + " had been closed.";
    case 16:
      return "The strike lasted " + count_text(r, r.between(2, 40)) + " days and cost the economy an estimated " +
             money_text(r, r.real(1e6, 2e9), static_cast<int>(r.below(3))) + ".";
    case 17:
      return "Harvests fell to " + digits(plausible(r, 1000, 900000)) + " tonnes from " +
             digits(plausible(r, 1000, 900000)) + " tonnes in " + std::to_string(r.between(2010, 2023)) + ".";
    case 18:
      return "The fire destroyed " + qualified(r, plausible(r, 10, 20000)) + " hectares of forest.";
    case 19:
      return "The reservoir holds " + decimal(r.real(1, 900), 1) + " million cubic metres of water.";
    case 20:
      return attributed(r, "the company plans to cut " + qualified(r, plausible(r, 50, 12000)) +
                               " jobs, or " + percent_text(r, r.real(1, 20)) + " of its workforce");
    case 21: {
      long long whole = plausible(r, 200, 5000);
      return "Of the " + digits(whole) + " prisoners exchanged, " + digits(r.between(whole / 10, whole * 8 / 10)) +
             " were " + std::string(nat.adjective) + ".";
    }
    case 22:
      return "The drive from " + std::string(place) + " takes about " + count_text(r, r.between(2, 14)) +
             " hours, or " + std::to_string(r.between(20, 55)) + " minutes by train.";
    case 23:
      return "Unemployment rose by " + decimal(r.real(0.1, 3), 1) + " percentage points to " +
             percent_text(r, r.real(3, 18)) + ".";
    case 24:
      return "The vaccine, developed after COVID-19, is " + std::to_string(r.between(60, 98)) +
             "% effective, a study of " + digits(plausible(r, 500, 60000)) + " patients found.";
    case 25:
      return "Ticket prices rose to " + money_text(r, static_cast<double>(r.between(5, 400)), static_cast<int>(r.below(3))) +
             " from " + money_text(r, static_cast<double>(r.between(5, 400)), static_cast<int>(r.below(3))) + ".";
    case 26:
      return "The tanker was carrying " + decimal(r.real(0.2, 3), 1) + "m barrels of oil and " +
             digits(r.between(12, 40)) + " crew.";
    case 27:
      return "Call " + std::to_string(r.between(100, 999)) + " " + std::to_string(r.between(1000, 9999)) +
             " or see section " + std::to_string(r.between(1, 12)) + "." + std::to_string(r.between(1, 9)) +
             " on page " + std::to_string(r.between(2, 90)) + " for details.";
    case 28:
      return "About " + count_text(r, r.between(2, 9)) + " out of 10 residents said prices were too high, and a third of them had cut spending.";
    default:
      return "The convoy of " + count_text(r, plausible(r, 12, 400)) + " vehicles travelled " +
             decimal(r.real(5, 600), 1) + " miles at speeds of under " + std::to_string(r.between(30, 90)) +
             " mph.";
  }
}

// ---------------------------------------------------------------- stories (shared mode)

struct Outlet {
  std::string name;
  double error_rate;  // how often it gets a figure wrong
};

enum class Kind { troops, disaster, results, project, budget, election, kinds };

struct Story {
  Kind kind;
  Date start;
  int days;
  std::string place;        // where
  std::string entity;       // nation adjective, company, structure...
  std::string entity2;      // second entity (country, city)
  std::vector<long long> v;  // the story's true figures; meaning by kind
};

Story make_story(Rng& r, std::size_t index) {
  Story s;
  s.kind = static_cast<Kind>(r.below(static_cast<std::uint64_t>(Kind::kinds)));
  s.start = add_days({2022, 1, 3}, static_cast<int>(index % 1000));
  s.days = static_cast<int>(r.between(2, 6));
  s.place = std::string(r.pick(kPlaces));
  switch (s.kind) {
    case Kind::troops: {
      const Nation& n = r.pick(kNations);
      s.entity = std::string(n.adjective);
      s.entity2 = std::string(r.pick(kCountries));
      s.v = {plausible(r, 1000, 15000), plausible(r, 5000, 40000), plausible(r, 50, 800)};
      break;  // present; planned to train; arriving a day
    }
    case Kind::disaster: {
      s.entity = std::string(r.pick(kDisasters));
      long long toll = r.between(5, 120);
      s.v = {toll};  // toll on day 0; rises each day
      for (int d = 1; d < s.days; ++d) s.v.push_back(s.v.back() + r.between(0, 40));
      s.v.push_back(plausible(r, 1000, 90000));  // displaced
      break;
    }
    case Kind::results:
      s.entity = company(r);
      s.v = {r.between(2000, 90000) * 100000, r.between(10, 400) * 10, r.between(500, 60000)};
      break;  // revenue (USD); growth in tenths of a percent; employees
    case Kind::project:
      s.entity = std::string(r.pick(kStructures));
      s.entity2 = std::string(r.pick(kPlaces));
      s.v = {r.between(5, 900), r.between(10, 900) * 1000000, r.between(12, 72)};
      break;  // length km; cost EUR; months
    case Kind::budget:
      s.entity = std::string(r.pick(Words<6>{"defence", "health", "education", "transport", "energy", "culture"}));
      s.entity2 = std::string(r.pick(kCountries));
      s.v = {r.between(50, 9000) * 10000000, r.between(5, 300) * 10};
      break;  // amount; change in tenths of a percent
    default: {
      s.v = {r.between(350, 820), r.between(50, 2000) * 1000};
      break;  // turnout in tenths of a percent; votes counted
    }
  }
  return s;
}

// A figure as an outlet reports it: usually right, sometimes wrong.
long long reported(Rng& r, const Outlet& o, long long truth) {
  if (!r.chance(o.error_rate)) return truth;
  switch (r.below(3)) {
    case 0: {  // transposed digits
      std::string s = std::to_string(truth);
      if (s.size() >= 2) {
        std::size_t i = r.below(s.size() - 1);
        if (s[i] != s[i + 1] && !(i == 0 && s[1] == '0')) std::swap(s[i], s[i + 1]);
      }
      return std::atoll(s.c_str());
    }
    case 1: return truth * 2;
    default: return std::max<long long>(1, truth / 2);
  }
}

std::string on_day(Rng& r, Date doc_date, Date when) {
  if (doc_date.y == when.y && doc_date.m == when.m && doc_date.d == when.d && r.chance(0.5))
    return "on " + std::string(kWeekdays[static_cast<std::size_t>(weekday(when))]);
  return "on " + long_date(when);
}

// The sentences of one outlet's article on a story, on `day` of it.
void story_sentences(Rng& r, const Story& s, const Outlet& o, int day, Date date,
                     std::vector<std::string>& out, std::string& title) {
  switch (s.kind) {
    case Kind::troops: {
      SV noun = r.pick(Words<4>{"troops", "soldiers", "servicemen", "personnel"});
      title = s.entity + " troops in " + s.entity2;
      out.push_back(attributed(r, qualified(r, reported(r, o, s.v[0])) + " " + s.entity + " " + std::string(noun) +
                                      " were now serving in " + s.entity2 + "'s units near " + s.place));
      if (r.chance(0.6))
        out.push_back(cap(speaker(r)) + " said there is an intention to train " +
                      count_text(r, reported(r, o, s.v[1])) + " " + s.entity + " soldiers from different branches.");
      if (r.chance(0.4))
        out.push_back("About " + digits(reported(r, o, s.v[2])) + " " + s.entity + " " + std::string(noun) +
                      " were arriving a day, " + std::string(r.pick(kGroups)) + " said.");
      if (r.chance(0.3))
        out.push_back("Another " + count_text(r, plausible(r, 500, 5000)) + " could join them " +
                      on_day(r, date, add_days(date, 3)) + ".");
      break;
    }
    case Kind::disaster: {
      title = "The " + s.entity + " in " + s.place;
      Date when = add_days(s.start, day);
      out.push_back("The death toll from the " + s.entity + " in " + s.place + " rose to " +
                    digits(reported(r, o, s.v[static_cast<std::size_t>(day)])) + " " + on_day(r, date, when) +
                    ", " + std::string(r.pick(kGroups)) + " said.");
      if (day > 0 && r.chance(0.5))
        out.push_back("The toll stood at " + digits(s.v[static_cast<std::size_t>(day - 1)]) + " " +
                      on_day(r, date, add_days(s.start, day - 1)) + ".");
      if (r.chance(0.6))
        out.push_back(cap(any_count(r, reported(r, o, s.v.back()))) + " people were displaced by the " +
                      s.entity + " in " + s.place + ".");
      break;
    }
    case Kind::results: {
      title = s.entity + " results";
      out.push_back(s.entity + " reported third-quarter revenue of " +
                    money_text(r, static_cast<double>(reported(r, o, s.v[0])), 0) + ", up " +
                    percent_text(r, static_cast<double>(reported(r, o, s.v[1])) / 10.0) + " from a year earlier.");
      if (r.chance(0.5))
        out.push_back(attributed(r, s.entity + " employs " + qualified(r, reported(r, o, s.v[2])) + " people"));
      break;
    }
    case Kind::project: {
      title = "The " + s.place + "-" + s.entity2 + " " + s.entity;
      long long km = reported(r, o, s.v[0]);
      std::string len = r.chance(0.5) ? digits(km) + " km"
                                      : decimal(static_cast<double>(km) / 1.609344, 1) + " miles";
      out.push_back("The " + s.entity + " between " + s.place + " and " + s.entity2 + " will be " + len + " long.");
      if (r.chance(0.6))
        out.push_back(attributed(r, "the " + s.entity + " will cost " +
                                        money_text(r, static_cast<double>(reported(r, o, s.v[1])), 1)));
      if (r.chance(0.4))
        out.push_back("Construction of the " + s.entity + " is expected to take " +
                      count_text(r, reported(r, o, s.v[2])) + " months.");
      break;
    }
    case Kind::budget: {
      title = s.entity2 + " " + s.entity + " budget";
      out.push_back(attributed(r, s.entity2 + "'s " + s.entity + " budget for next year is " +
                                      money_text(r, static_cast<double>(reported(r, o, s.v[0])), 1)));
      if (r.chance(0.5))
        out.push_back("That is " + percent_text(r, static_cast<double>(reported(r, o, s.v[1])) / 10.0) +
                      " more than this year.");
      break;
    }
    default: {
      title = "Election in " + s.place;
      out.push_back("Turnout in the " + s.place + " mayoral election was " +
                    percent_text(r, static_cast<double>(reported(r, o, s.v[0])) / 10.0) + ", " +
                    std::string(r.pick(kGroups)) + " said.");
      if (r.chance(0.5))
        out.push_back(cap(qualified(r, reported(r, o, s.v[1]))) + " votes had been counted in " + s.place + " by " +
                      std::to_string(r.between(18, 23)) + ":00.");
      break;
    }
  }
}

// ---------------------------------------------------------------- output

struct Doc {
  std::string id, source, date, title, text;
};

void json_string(std::string& out, std::string_view s) {
  out += '"';
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

struct Options {
  std::uint64_t seed = 42;
  std::uint64_t docs = 0;      // 0: until size is reached (or 1000)
  double size_mb = 0;          // 0: no size limit
  std::string mode = "news";   // news | shared
  std::string format = "jsonl";  // jsonl | txt
  std::string out;             // file (jsonl) or directory (txt); default stdout
  std::uint64_t sources = 0;   // shared: outlets (0: docs/50, 20..2000)
  std::uint64_t per_story = 20;  // shared: articles per story on average
  int min_paragraphs = 3, max_paragraphs = 8;
  double filler = 0.35;        // share of sentences without figures
};

[[noreturn]] void usage(int code) {
  std::fputs(
      "usage: gen-corpus [--seed N] [--docs N] [--size-mb MB] [--mode news|shared]\n"
      "                  [--format jsonl|txt] [-o FILE|DIR] [--sources N] [--per-story N]\n"
      "                  [--paragraphs MIN-MAX] [--filler SHARE]\n"
      "Writes news-like English text dense with figures. Same options, same bytes.\n"
      "  --seed N          PRNG seed (default 42)\n"
      "  --docs N          number of documents (default 1000 unless --size-mb is given)\n"
      "  --size-mb MB      stop once this many MB of text were written (with --docs: whichever first)\n"
      "  --mode news       independent articles (default)\n"
      "  --mode shared     many outlets reporting on shared stories: groups, conflicts, drift\n"
      "  --format jsonl    one JSON document per line (default), to -o FILE or stdout\n"
      "  --format txt      one .txt file with front matter per document, under -o DIR\n"
      "  --sources N       shared mode: number of outlets (default docs/50, 20..2000)\n"
      "  --per-story N     shared mode: articles per story on average (default 20)\n"
      "  --paragraphs A-B  paragraphs per article (default 3-8)\n"
      "  --filler SHARE    share of background sentences without figures (default 0.35)\n",
      code == 0 ? stdout : stderr);
  std::exit(code);
}

std::uint64_t to_u64(const char* s) {
  char* end = nullptr;
  unsigned long long v = std::strtoull(s, &end, 10);
  if (end == s || *end) usage(2);
  return v;
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto val = [&]() -> const char* {
      if (i + 1 >= argc) usage(2);
      return argv[++i];
    };
    if (a == "-h" || a == "--help") usage(0);
    else if (a == "--seed") o.seed = to_u64(val());
    else if (a == "--docs") o.docs = to_u64(val());
    else if (a == "--size-mb") o.size_mb = std::atof(val());
    else if (a == "--mode") o.mode = val();
    else if (a == "--format") o.format = val();
    else if (a == "-o" || a == "--output") o.out = val();
    else if (a == "--sources") o.sources = to_u64(val());
    else if (a == "--filler") o.filler = std::clamp(std::atof(val()), 0.0, 1.0);
    else if (a == "--per-story") o.per_story = std::max<std::uint64_t>(1, to_u64(val()));
    else if (a == "--paragraphs") {
      if (std::sscanf(val(), "%d-%d", &o.min_paragraphs, &o.max_paragraphs) != 2 || o.min_paragraphs < 1 ||
          o.max_paragraphs < o.min_paragraphs)
        usage(2);
    } else usage(2);
  }
  if (o.mode != "news" && o.mode != "shared") usage(2);
  if (o.format != "jsonl" && o.format != "txt") usage(2);
  if (o.format == "txt" && o.out.empty()) {
    std::fputs("gen-corpus: --format txt needs -o DIR\n", stderr);
    std::exit(2);
  }
  if (o.docs == 0 && o.size_mb <= 0) o.docs = 1000;
  return o;
}

class Writer {
 public:
  explicit Writer(const Options& o) : o_(o) {
    if (o.format == "jsonl") {
      f_ = o.out.empty() || o.out == "-" ? stdout : std::fopen(o.out.c_str(), "wb");
      if (!f_) fail(o.out);
    } else {
      std::filesystem::create_directories(o.out);
    }
  }
  ~Writer() {
    flush();
    if (f_ && f_ != stdout) std::fclose(f_);
  }
  void write(const Doc& d, std::uint64_t index) {
    if (o_.format == "jsonl") {
      buf_ += "{\"id\":";
      json_string(buf_, d.id);
      buf_ += ",\"source\":";
      json_string(buf_, d.source);
      buf_ += ",\"date\":";
      json_string(buf_, d.date);
      buf_ += ",\"title\":";
      json_string(buf_, d.title);
      buf_ += ",\"text\":";
      json_string(buf_, d.text);
      buf_ += "}\n";
      if (buf_.size() > (1u << 20)) flush();
      return;
    }
    char sub[32];
    std::snprintf(sub, sizeof sub, "%03" PRIu64, index / 1000);
    std::filesystem::path dir = std::filesystem::path(o_.out) / sub;
    if (index % 1000 == 0) std::filesystem::create_directories(dir);
    std::filesystem::path p = dir / (d.id + ".txt");
    std::FILE* f = std::fopen(p.string().c_str(), "wb");
    if (!f) fail(p.string());
    std::string s = "---\nsource: " + d.source + "\ndate: " + d.date + "\ntitle: " + d.title + "\n---\n" + d.text;
    if (std::fwrite(s.data(), 1, s.size(), f) != s.size()) fail(p.string());
    std::fclose(f);
  }

 private:
  void flush() {
    if (f_ && !buf_.empty() && std::fwrite(buf_.data(), 1, buf_.size(), f_) != buf_.size()) fail(o_.out);
    buf_.clear();
  }
  [[noreturn]] static void fail(const std::string& what) {
    std::fprintf(stderr, "gen-corpus: cannot write %s\n", what.empty() ? "stdout" : what.c_str());
    std::exit(2);
  }
  const Options& o_;
  std::FILE* f_ = nullptr;
  std::string buf_;
};

std::string doc_id(std::uint64_t i) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "doc-%07" PRIu64, i);
  return buf;
}

// Paragraphs of background news around the given lead sentences.
std::string article(Rng& r, const Options& o, std::vector<std::string> lead) {
  int paragraphs = static_cast<int>(r.between(o.min_paragraphs, o.max_paragraphs));
  std::string text;
  std::size_t next_lead = 0;
  for (int p = 0; p < paragraphs; ++p) {
    if (p) text += "\n\n";
    int sentences = static_cast<int>(r.between(2, 5));
    for (int s = 0; s < sentences; ++s) {
      if (s) text += ' ';
      if (next_lead < lead.size() && (p == 0 || r.chance(0.5))) text += lead[next_lead++];
      else if (r.chance(o.filler)) text += r.pick(kFillers);
      else text += news_sentence(r);
    }
  }
  while (next_lead < lead.size()) text += " " + lead[next_lead++];
  text += '\n';
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);
  Rng r(o.seed);
  Writer w(o);
  const double limit = o.size_mb > 0 ? o.size_mb * 1e6 : 0;
  double written = 0;

  // Shared mode: the outlets and the stories, fixed up front.
  std::vector<Outlet> outlets;
  std::vector<Story> stories;
  if (o.mode == "shared") {
    std::uint64_t expected = o.docs ? o.docs : static_cast<std::uint64_t>(std::max(1.0, limit / 3000));
    std::uint64_t n_out = o.sources ? o.sources : std::clamp<std::uint64_t>(expected / 50, 20, 2000);
    for (std::uint64_t i = 0; i < n_out; ++i) {
      std::string name = std::string(kPlaces[i % kPlaces.size()]) + " " +
                         std::string(kOutletWords[(i / kPlaces.size()) % kOutletWords.size()]);
      if (i >= kPlaces.size() * kOutletWords.size()) name += " " + std::to_string(i / (kPlaces.size() * kOutletWords.size()) + 1);
      outlets.push_back({name, r.chance(0.15) ? r.real(0.2, 0.5) : r.real(0.0, 0.04)});
    }
    std::uint64_t n_stories = std::max<std::uint64_t>(1, expected / o.per_story);
    for (std::uint64_t i = 0; i < n_stories; ++i) stories.push_back(make_story(r, i));
  }

  for (std::uint64_t i = 0; o.docs == 0 || i < o.docs; ++i) {
    if (limit > 0 && written >= limit) break;
    Doc d;
    d.id = doc_id(i);
    if (o.mode == "news") {
      Date date = add_days({2023, 1, 1}, static_cast<int>(r.below(700)));
      d.source = std::string(r.pick(kPlaces)) + " " + std::string(r.pick(kOutletWords));
      d.date = iso(date);
      d.title = "News from " + std::string(r.pick(kPlaces));
      d.text = article(r, o, {});
    } else {
      const Story& s = stories[r.below(stories.size())];
      const Outlet& out = outlets[r.below(outlets.size())];
      int day = static_cast<int>(r.below(static_cast<std::uint64_t>(s.days)));
      Date date = add_days(s.start, day);
      std::vector<std::string> lead;
      story_sentences(r, s, out, day, date, lead, d.title);
      d.source = out.name;
      d.date = iso(date);
      d.text = article(r, o, std::move(lead));
    }
    written += static_cast<double>(d.text.size());
    w.write(d, i);
  }
  return 0;
}
