// Tests of the currency names and units added to src/lexicon/currencies.tsv
// and src/lexicon/units.tsv: one row per currency (a sentence, the figure's
// surface, its value and ISO 4217 code), one per new unit, and the guards
// that keep English words that are also currency names ("the team won 3
// games", "she scored 5 marks") plain counts.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include <tally/extract.hpp>

namespace {

using namespace tally;

std::vector<Mention> extract_text(const std::string& text) {
  static const Extractor ex;
  Document doc;
  doc.meta.id = "test.txt";
  doc.meta.source = "test";
  doc.raw = text;
  doc.text = text;
  return ex.extract(doc);
}

bool same(std::optional<double> got, double want) {
  return got && std::fabs(*got - want) <= 1e-9 * std::max(1.0, std::fabs(want));
}

// One sentence with one figure: its surface, value and unit.
struct Row {
  std::string sentence;
  std::string text;
  double value;
  std::string unit;
};

void check_rows(const std::vector<Row>& rows, const std::string& dimension) {
  for (const Row& r : rows) {
    INFO("sentence: ", r.sentence);
    auto ms = extract_text(r.sentence);
    REQUIRE(ms.size() == 1);
    const Mention& m = ms[0];
    CHECK(m.text == r.text);
    CHECK(same(m.value, r.value));
    CHECK(m.dimension == dimension);
    CHECK(m.unit == r.unit);
  }
}

// A figure whose dimension is one of `dims` (its unit, text and base value too).
struct UnitRow {
  std::string sentence;
  std::string text;
  double value;
  std::string dimension;
  std::string unit;
  double norm;  // in the dimension's base unit
};

}  // namespace

TEST_CASE("currency names: every currency by its name, adjective or symbol") {
  check_rows({
      {"It costs 5 kuwaiti dinars today.", "5 kuwaiti dinars", 5, "KWD"},
      {"It costs 5 bahraini dinars today.", "5 bahraini dinars", 5, "BHD"},
      {"It costs 5 jordanian dinar today.", "5 jordanian dinar", 5, "JOD"},
      {"It costs 5 iraqi dinars today.", "5 iraqi dinars", 5, "IQD"},
      {"It costs 5 algerian dinars today.", "5 algerian dinars", 5, "DZD"},
      {"It costs 5 serbian dinars today.", "5 serbian dinars", 5, "RSD"},
      {"It costs 5 tunisian dinars today.", "5 tunisian dinars", 5, "TND"},
      {"It costs 5 libyan dinars today.", "5 libyan dinars", 5, "LYD"},
      {"It costs 5 macedonian denars today.", "5 macedonian denars", 5, "MKD"},
      {"It costs 5 UAE dirhams today.", "5 UAE dirhams", 5, "AED"},
      {"It costs 5 emirati dirhams today.", "5 emirati dirhams", 5, "AED"},
      {"It costs 5 moroccan dirhams today.", "5 moroccan dirhams", 5, "MAD"},
      {"It costs 5 saudi riyals today.", "5 saudi riyals", 5, "SAR"},
      {"It costs 5 qatari riyals today.", "5 qatari riyals", 5, "QAR"},
      {"It costs 5 omani rials today.", "5 omani rials", 5, "OMR"},
      {"It costs 5 iranian rials today.", "5 iranian rials", 5, "IRR"},
      {"It costs 5 yemeni rials today.", "5 yemeni rials", 5, "YER"},
      {"It costs 5 pakistani rupees today.", "5 pakistani rupees", 5, "PKR"},
      {"It costs 5 Sri Lankan rupees today.", "5 Sri Lankan rupees", 5, "LKR"},
      {"It costs 5 nepalese rupees today.", "5 nepalese rupees", 5, "NPR"},
      {"It costs 5,000 rupiah today.", "5,000 rupiah", 5000, "IDR"},
      {"It costs Rp 5,000 today.", "Rp 5,000", 5000, "IDR"},
      {"It costs 5 ringgit today.", "5 ringgit", 5, "MYR"},
      {"It costs RM5 today.", "RM5", 5, "MYR"},
      {"It costs 5 baht today.", "5 baht", 5, "THB"},
      {"It costs 5 taka today.", "5 taka", 5, "BDT"},
      {"It costs 5 lao kip today.", "5 lao kip", 5, "LAK"},
      {"It costs 5 riels today.", "5 riels", 5, "KHR"},
      {"It costs 5 kyats today.", "5 kyats", 5, "MMK"},
      {"It costs 5 rufiyaa today.", "5 rufiyaa", 5, "MVR"},
      {"It costs 5 ngultrum today.", "5 ngultrum", 5, "BTN"},
      {"It costs 5 pesos today.", "5 pesos", 5, "MXN"},
      {"It costs 5 philippine pesos today.", "5 philippine pesos", 5, "PHP"},
      {"It costs 5 argentine pesos today.", "5 argentine pesos", 5, "ARS"},
      {"It costs 5 chilean pesos today.", "5 chilean pesos", 5, "CLP"},
      {"It costs 5 colombian pesos today.", "5 colombian pesos", 5, "COP"},
      {"It costs 5 peruvian soles today.", "5 peruvian soles", 5, "PEN"},
      {"It costs 5 bolivars today.", "5 bolivars", 5, "VES"},
      {"It costs 5 bolivianos today.", "5 bolivianos", 5, "BOB"},
      {"It costs 5 guaranis today.", "5 guaranis", 5, "PYG"},
      {"It costs 5 colones today.", "5 colones", 5, "CRC"},
      {"It costs 5 quetzales today.", "5 quetzales", 5, "GTQ"},
      {"It costs 5 guatemalan quetzals today.", "5 guatemalan quetzals", 5, "GTQ"},
      {"It costs 5 lempiras today.", "5 lempiras", 5, "HNL"},
      {"It costs 5 cordobas today.", "5 cordobas", 5, "NIO"},
      {"It costs 5 gourdes today.", "5 gourdes", 5, "HTG"},
      {"It costs 5 balboas today.", "5 balboas", 5, "PAB"},
      {"It costs 5 rand today.", "5 rand", 5, "ZAR"},
      {"It costs 5 south african rand today.", "5 south african rand", 5, "ZAR"},
      {"It costs 5 naira today.", "5 naira", 5, "NGN"},
      {"It costs 5 kenyan shillings today.", "5 kenyan shillings", 5, "KES"},
      {"It costs 5 ugandan shillings today.", "5 ugandan shillings", 5, "UGX"},
      {"It costs 5 tanzanian shillings today.", "5 tanzanian shillings", 5, "TZS"},
      {"It costs 5 cedis today.", "5 cedis", 5, "GHS"},
      {"It costs 5 birr today.", "5 birr", 5, "ETB"},
      {"It costs 5 pula today.", "5 pula", 5, "BWP"},
      {"It costs 5 zambian kwacha today.", "5 zambian kwacha", 5, "ZMW"},
      {"It costs 5 malawian kwacha today.", "5 malawian kwacha", 5, "MWK"},
      {"It costs 5 kwanzas today.", "5 kwanzas", 5, "AOA"},
      {"It costs 5 meticais today.", "5 meticais", 5, "MZN"},
      {"It costs 5 CFA francs today.", "5 CFA francs", 5, "XOF"},
      {"It costs 5 leones today.", "5 leones", 5, "SLE"},
      {"It costs 5 dalasi today.", "5 dalasi", 5, "GMD"},
      {"It costs 5 ariary today.", "5 ariary", 5, "MGA"},
      {"It costs 5 ouguiya today.", "5 ouguiya", 5, "MRU"},
      {"It costs 5 nakfa today.", "5 nakfa", 5, "ERN"},
      {"It costs 5 lilangeni today.", "5 lilangeni", 5, "SZL"},
      {"It costs 5 loti today.", "5 loti", 5, "LSL"},
      {"It costs 5 egyptian pounds today.", "5 egyptian pounds", 5, "EGP"},
      {"It costs 5 lebanese pounds today.", "5 lebanese pounds", 5, "LBP"},
      {"It costs 5 syrian pounds today.", "5 syrian pounds", 5, "SYP"},
      {"It costs 5 sudanese pounds today.", "5 sudanese pounds", 5, "SDG"},
      {"It costs 5 shekels today.", "5 shekels", 5, "ILS"},
      {"It costs 5 new shekels today.", "5 new shekels", 5, "ILS"},
      {"It costs 5 israeli shekels today.", "5 israeli shekels", 5, "ILS"},
      {"It costs 5 russian rubles today.", "5 russian rubles", 5, "RUB"},
      {"It costs 5 ukrainian hryvnias today.", "5 ukrainian hryvnias", 5, "UAH"},
      {"It costs 5 zlotys today.", "5 zlotys", 5, "PLN"},
      {"It costs 5 zł today.", "5 zł", 5, "PLN"},
      {"It costs 5 korunas today.", "5 korunas", 5, "CZK"},
      {"It costs 5 Kč today.", "5 Kč", 5, "CZK"},
      {"It costs 5 forints today.", "5 forints", 5, "HUF"},
      {"It costs 5 romanian lei today.", "5 romanian lei", 5, "RON"},
      {"It costs 5 leva today.", "5 leva", 5, "BGN"},
      {"It costs 5 kuna today.", "5 kuna", 5, "HRK"},
      {"It costs 5 krona today.", "5 krona", 5, "SEK"},
      {"It costs 5 icelandic kronur today.", "5 icelandic kronur", 5, "ISK"},
      {"It costs 5 bosnian marka today.", "5 bosnian marka", 5, "BAM"},
      {"It costs 5 korean won today.", "5 korean won", 5, "KRW"},
      {"It costs 5 south korean won today.", "5 south korean won", 5, "KRW"},
      {"It costs 5 north korean won today.", "5 north korean won", 5, "KPW"},
      {"It costs 5 vietnamese dong today.", "5 vietnamese dong", 5, "VND"},
      {"It costs 5 new taiwan dollars today.", "5 new taiwan dollars", 5, "TWD"},
      {"It costs 5 taiwan dollars today.", "5 taiwan dollars", 5, "TWD"},
      {"It costs NT$5 today.", "NT$5", 5, "TWD"},
      {"It costs 5 tugriks today.", "5 tugriks", 5, "MNT"},
      {"It costs 5 tenge today.", "5 tenge", 5, "KZT"},
      {"It costs 5 lari today.", "5 lari", 5, "GEL"},
      {"It costs 5 armenian drams today.", "5 armenian drams", 5, "AMD"},
      {"It costs 5 manats today.", "5 manats", 5, "AZN"},
      {"It costs 5 uzbek som today.", "5 uzbek som", 5, "UZS"},
      {"It costs 5 kyrgyz som today.", "5 kyrgyz som", 5, "KGS"},
      {"It costs 5 kyrgyzstani som today.", "5 kyrgyzstani som", 5, "KGS"},
      {"It costs 5 somoni today.", "5 somoni", 5, "TJS"},
      {"It costs 5 jamaican dollars today.", "5 jamaican dollars", 5, "JMD"},
      {"It costs 5 papua new guinea kina today.", "5 papua new guinea kina", 5, "PGK"},
      {"It costs 5 samoan tala today.", "5 samoan tala", 5, "WST"},
      {"It costs 5 deutsche marks today.", "5 deutsche marks", 5, "DEM"},
      {"It costs 5 deutschmarks today.", "5 deutschmarks", 5, "DEM"},
      {"It costs 5 french francs today.", "5 french francs", 5, "FRF"},
      {"It costs 5 italian lire today.", "5 italian lire", 5, "ITL"},
      {"It costs 5 spanish pesetas today.", "5 spanish pesetas", 5, "ESP"},
      {"It costs 5 pesetas today.", "5 pesetas", 5, "ESP"},
      {"It costs 5 dutch guilders today.", "5 dutch guilders", 5, "NLG"},
      {"It costs 5 guilders today.", "5 guilders", 5, "NLG"},
      {"It costs 5 finnish markkaa today.", "5 finnish markkaa", 5, "FIM"},
      {"It costs 5 markka today.", "5 markka", 5, "FIM"},
      {"It costs 5 austrian schillings today.", "5 austrian schillings", 5, "ATS"},
      {"It costs 5 belgian francs today.", "5 belgian francs", 5, "BEF"},
      {"It costs 5 portuguese escudos today.", "5 portuguese escudos", 5, "PTE"},
      {"It costs 5 irish punts today.", "5 irish punts", 5, "IEP"},
      {"It costs 5 irish pounds today.", "5 irish pounds", 5, "IEP"},
      {"It costs 5 greek drachmas today.", "5 greek drachmas", 5, "GRD"},
      {"It costs 5 kuai today.", "5 kuai", 5, "CNY"},
      {"It costs hk $ 5 today.", "hk $ 5", 5, "HKD"},
      {"It costs 5 central african CFA francs today.", "5 central african CFA francs", 5, "XAF"},
  }, "currency");
}

TEST_CASE("currency names: singular and plural, with and without the adjective") {
  check_rows({
      {"It costs 1 kuwaiti dinar today.", "1 kuwaiti dinar", 1, "KWD"},
      {"It costs 5 dirham today.", "5 dirham", 5, "AED"},
      {"It costs 5 riyal today.", "5 riyal", 5, "SAR"},
      {"It costs 1 philippine peso today.", "1 philippine peso", 1, "PHP"},
      {"It costs 1 peso today.", "1 peso", 1, "MXN"},
      {"It costs 5 polish zlotys today.", "5 polish zlotys", 5, "PLN"},
      {"It costs 5 zloty today.", "5 zloty", 5, "PLN"},
      {"It costs 5 czech koruna today.", "5 czech koruna", 5, "CZK"},
      {"It costs 5 swedish krona today.", "5 swedish krona", 5, "SEK"},
      {"It costs 5 kronur today.", "5 kronur", 5, "ISK"},
      {"It costs 1 deutschmark today.", "1 deutschmark", 1, "DEM"},
      {"It costs 1 deutsche mark today.", "1 deutsche mark", 1, "DEM"},
      {"It costs 5 lire today.", "5 lire", 5, "ITL"},
      {"It costs 1 guilder today.", "1 guilder", 1, "NLG"},
      {"It costs 5 markkaa today.", "5 markkaa", 5, "FIM"},
      {"It costs 1 egyptian pound today.", "1 egyptian pound", 1, "EGP"},
      {"It costs 5 new israeli shekels today.", "5 new israeli shekels", 5, "ILS"},
      {"It costs 5 russian roubles today.", "5 russian roubles", 5, "RUB"},
      {"It costs 5 hungarian forints today.", "5 hungarian forints", 5, "HUF"},
      {"It costs 5 bulgarian leva today.", "5 bulgarian leva", 5, "BGN"},
      {"It costs 5 kazakh tenge today.", "5 kazakh tenge", 5, "KZT"},
      {"It costs 5 azerbaijani manat today.", "5 azerbaijani manat", 5, "AZN"},
      {"It costs 5 thai baht today.", "5 thai baht", 5, "THB"},
      {"It costs 5 malaysian ringgit today.", "5 malaysian ringgit", 5, "MYR"},
      {"It costs 5 indonesian rupiah today.", "5 indonesian rupiah", 5, "IDR"},
      {"It costs 1 nepali rupee today.", "1 nepali rupee", 1, "NPR"},
      {"It costs 5 nigerian naira today.", "5 nigerian naira", 5, "NGN"},
      {"It costs 1 ghanaian cedi today.", "1 ghanaian cedi", 1, "GHS"},
      {"It costs 5 west african CFA francs today.", "5 west african CFA francs", 5, "XOF"},
      {"It costs 5 venezuelan bolivars today.", "5 venezuelan bolivars", 5, "VES"},
      {"It costs 5 costa rican colones today.", "5 costa rican colones", 5, "CRC"},
      {"It costs 5 nuevos soles today.", "5 nuevos soles", 5, "PEN"},
  }, "currency");
}

TEST_CASE("currency names: symbols and codes before the figure") {
  check_rows({
      {"It costs NT$ 5 today.", "NT$ 5", 5, "TWD"},
      {"It costs RM 5.50 today.", "RM 5.50", 5.5, "MYR"},
      {"It costs Rp5,000 today.", "Rp5,000", 5000, "IDR"},
      {"It costs zł 5 today.", "zł 5", 5, "PLN"},
      {"It costs HK $ 10 today.", "HK $ 10", 10, "HKD"},
      {"It costs HK$10 today.", "HK$10", 10, "HKD"},
      {"It costs J$500 today.", "J$500", 500, "JMD"},
      {"It costs KWD 5 today.", "KWD 5", 5, "KWD"},
      {"It costs 5 MAD today.", "5 MAD", 5, "MAD"},
      {"It raised 2 million kenyan shillings.", "2 million kenyan shillings", 2e6, "KES"},
  }, "currency");
}

TEST_CASE("currency names: English words stay words") {
  // Each sentence has one figure, which is no money.
  for (const char* s : {
           "The team won 3 games.",
           "She scored 5 marks.",
           "They won 3 of the 5 finals.",
           "Add 2 drams of whisky.",
           "The shoes have 2 soles.",
           "We saw 3 quetzals in the forest.",
           "Guests wore 5 lei at the party.",
           "The beam carries 40 kip.",
           "You should try 5 times.",
           "The list of the top 10 films.",
           "Add cup 2 of flour.",
           "He bought pen 5 and gel 3.",
           "The WORLD CUP 2022 FINAL.",
           "THE TOP 10 TIPS.",
       }) {
    INFO("sentence: ", s);
    for (const Mention& m : extract_text(s)) {
      INFO("figure: ", std::string(m.text), " unit ", std::string(m.unit));
      CHECK(m.dimension != "currency");
    }
  }
}

TEST_CASE("currency names: units added beside them") {
  const std::vector<UnitRow> rows = {
      {"The dose is 5 micrograms or 5 microgrammes.", "5 microgrammes", 5, "mass", "\u00b5g", 5e-9},
      {"The dose is 20 milligrammes.", "20 milligrammes", 20, "mass", "mg", 2e-5},
      {"The parcel weighs 3 kilogrammes.", "3 kilogrammes", 3, "mass", "kg", 3},
      {"Add 250 grammes of flour.", "250 grammes", 250, "mass", "g", 0.25},
      {"The field holds 8 bits.", "8 bits", 8, "data", "bit", 1},
      {"It is a 16-bit processor.", "16-bit", 16, "data", "bit", 2},
      {"It runs a 64 bit kernel.", "64 bit", 64, "data", "bit", 8},
      {"The key is 256 kilobits long.", "256 kilobits", 256, "data", "kbit", 32000},
      {"The link carries 100 megabits.", "100 megabits", 100, "data", "Mbit", 1.25e7},
      {"The link carries 10 gigabits.", "10 gigabits", 10, "data", "Gbit", 1.25e9},
      {"The link carries 10 Gbit.", "10 Gbit", 10, "data", "Gbit", 1.25e9},
      {"The chip stores 512 kbit.", "512 kbit", 512, "data", "kbit", 64000},
      {"The chip stores 4 Mbit.", "4 Mbit", 4, "data", "Mbit", 5e5},
      {"The gap is 50 picometres wide.", "50 picometres", 50, "length", "pm", 5e-11},
      {"The gap is 50 picometers wide.", "50 picometers", 50, "length", "pm", 5e-11},
      {"The park covers 5 sq. mi. of land.", "5 sq. mi.", 5, "area", "mi2", 5 * 2589988.11},
      {"The park covers 5 sq. mi of land.", "5 sq. mi", 5, "area", "mi2", 5 * 2589988.11},
      {"The park covers 5 sq mi of land.", "5 sq mi", 5, "area", "mi2", 5 * 2589988.11},
      {"The flat has 800 sq. ft. of space.", "800 sq. ft.", 800, "area", "ft2", 800 * 0.09290304},
      {"The flat has 800 sq ft of space.", "800 sq ft", 800, "area", "ft2", 800 * 0.09290304},
      {"The lake covers 12 sq. km of land.", "12 sq. km", 12, "area", "km2", 1.2e7},
      {"The room has 20 sq. m of floor.", "20 sq. m", 20, "area", "m2", 20},
  };
  for (const UnitRow& r : rows) {
    INFO("sentence: ", r.sentence);
    auto ms = extract_text(r.sentence);
    auto it = std::find_if(ms.begin(), ms.end(), [&](const Mention& m) { return m.text == r.text; });
    REQUIRE(it != ms.end());
    CHECK(same(it->value, r.value));
    CHECK(it->dimension == r.dimension);
    CHECK(it->unit == r.unit);
    CHECK(same(it->norm_value, r.norm));
  }
  // "pm" is the afternoon, not picometres
  for (const Mention& m : extract_text("We met at 5 pm.")) CHECK(m.dimension != "length");
  // "not one bit" is an idiom: bits are counted in digits
  for (const Mention& m : extract_text("I didn't like it one bit.")) CHECK(m.dimension != "data");
}
