// Tests of the context rules (src/extract/context.cpp, src/extract/subject.cpp):
// what a figure counts, the block it is compared in, its place and its
// period. Each table is one class of wording; its rows vary the words, so a
// rule that keys on one sentence fails the others.
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <tally/extract.hpp>
#include <vector>

namespace {

using namespace tally;
using std::nullopt;

std::vector<Mention> extract(const std::string& text, std::optional<std::string> date = nullopt) {
  static const Extractor ex;
  Document doc;
  doc.meta.id = "test.txt";
  doc.meta.source = "test";
  doc.meta.date = std::move(date);
  doc.raw = text;
  doc.text = text;
  return ex.extract(doc);
}

// The one figure of `sentence` whose text is `text`.
const Mention* figure(const std::vector<Mention>& ms, const std::string& text) {
  for (const Mention& m : ms)
    if (m.text == text) return &m;
  return nullptr;
}

struct Row {
  std::string sentence;
  std::string text;   // the figure as written
  std::string noun;   // expected lemma
  std::string block;  // expected block
  std::string place;  // expected place ("" = none)
};

void check_rows(const std::vector<Row>& rows) {
  for (const Row& r : rows) {
    INFO("sentence: ", r.sentence);
    auto ms = extract(r.sentence);
    const Mention* m = figure(ms, r.text);
    REQUIRE(m != nullptr);
    CHECK(m->noun == r.noun);
    CHECK(m->block == r.block);
    CHECK(m->place == r.place);
  }
}

}  // namespace

TEST_CASE("context: people with a casualty event count that casualty") {
  // A count of people with a death event is a deaths count, in the block of
  // "78 deaths" and "the death toll reached 78"; injured/wounded likewise.
  check_rows({
      {"45 people were killed in the quake.", "45", "people", "count:deaths", ""},
      {"At least 45 people died in Marenza.", "At least 45", "people", "count:deaths",
       "in marenza"},
      {"The earthquake killed 45 people.", "45", "people", "count:deaths", ""},
      {"Twelve residents have died since Monday.", "Twelve", "resident", "count:deaths", ""},
      {"45 killed.", "45", "killed", "count:deaths", ""},
      {"The death toll reached 78.", "78", "death toll", "count:deaths", ""},
      {"Officials confirmed 78 deaths.", "78", "death", "count:deaths", ""},
      {"Twelve soldiers were wounded.", "Twelve", "soldier", "count:injured", ""},
      {"The blast injured 30 people.", "30", "people", "count:injured", ""},
      {"About 210 people were hurt.", "About 210", "people", "count:injured", ""},
      {"45 people were evacuated.", "45", "people", "count:displaced", ""},
      // an event that is no casualty leaves the counted thing alone
      {"The loss of 30 jobs hurt the town.", "30", "job", "count:jobs", ""},
      {"300 soldiers were deployed.", "300", "soldier", "count:military_personnel", ""},
      {"The manufacturer employs about 12,000 people.", "about 12,000", "people", "count:people",
       ""},
  });
}

TEST_CASE("context: a casualty count and a toll of one text share a block") {
  auto ms =
      extract("At least 45 people died on Saturday. By Tuesday the death toll had reached 78.");
  REQUIRE(ms.size() == 2);
  CHECK(ms[0].block == ms[1].block);
}

TEST_CASE("context: the head of a noun phrase before the figure, over its prepositions") {
  // "X from/in/for/of the Y (rose to|was|reached) N": X is counted, Y is a place,
  // an event or a period.
  check_rows({
      {"The death toll from Saturday's earthquake in Marenza rose to 61.", "61", "death toll",
       "count:deaths", "in marenza"},
      {"The death toll from the flooding in Valdor climbed to 19.", "19", "death toll",
       "count:deaths", "in valdor"},
      {"The toll among miners at the Kolva pit stood at 12.", "12", "toll", "count:deaths",
       "at kolva"},
      {"Net income for the quarter was $610m.", "$610m", "net income", "currency:profit", ""},
      {"Revenue in the third quarter was $4.5bn.", "$4.5bn", "revenue", "currency:revenue", ""},
      {"Revenue in the third quarter of 2023 was $4bn.", "$4bn", "revenue", "currency:revenue", ""},
      {"Turnover for the year reached EUR 2bn.", "EUR 2bn", "turnover", "currency:revenue", ""},
      {"Sales in Europe rose to $3bn.", "$3bn", "sales", "currency:sales", "in europe"},
      {"Profit of the group was $120m.", "$120m", "profit", "currency:profit", ""},
      {"The population of Springfield was 111,454.", "111,454", "population", "count:residents",
       ""},
      {"Officials said the death toll from the storm in Valdor rose to 19.", "19", "death toll",
       "count:deaths", "in valdor"},
      // the chain is taken only up to the start of a clause, not into an object before it
      {"The crossing took a quarter of an hour at the posted speed limit of 80 km/h.", "80 km/h",
       "limit", "speed:limit", ""},
      {"Its main span is 1,100 metres.", "1,100 metres", "span", "length:span", ""},
  });
}

TEST_CASE("context: a place is a preposition and a name, not a run of words") {
  check_rows({
      {"The number of people killed in the Marenza earthquake reached 78.", "78", "people",
       "count:deaths", "in marenza"},
      {"The number of homes destroyed in the Oren floods rose to 300.", "300", "home",
       "count:buildings", "in oren"},
      {"45 soldiers were killed in the Kursk region.", "45", "soldier", "count:deaths",
       "in kursk region"},
      {"12 people died near Lake Orin yesterday.", "12", "people", "count:deaths",
       "near lake orin"},
      {"The number of North Korean personnel in Russian units stands at approximately 3,000.",
       "approximately 3,000", "personnel", "count:military_personnel", "in russian units"},
      // a weekday or a month is not a place
      {"30 people were hurt in March.", "30", "people", "count:injured", ""},
  });
}

TEST_CASE("context: a verb is never the counted noun; a named measure is the measure") {
  check_rows({
      {"A magnitude 6.8 earthquake struck the coast.", "6.8", "", "count:magnitude", ""},
      {"A 6.8 magnitude earthquake hit the island.", "6.8", "", "count:magnitude", ""},
      {"A 7.1-magnitude quake shook the city.", "7.1", "", "count:magnitude", ""},
      {"She had a score of 85 on the test.", "85", "", "count:score", ""},
      {"Over 300 aftershocks followed.", "Over 300", "aftershock", "count:aftershock", ""},
      {"It rained all day and 5 cm fell.", "5 cm", "", "length:?", ""},
      // an adjective after a share or a multiple says how it compares
      {"Shares closed 4.5% lower at noon.", "4.5%", "", "percent:?", ""},
      {"The vaccine is 95% effective.", "95%", "vaccine", "percent:effective", ""},
      {"The new chip is 3x faster.", "3x", "chip", "ratio:chip", ""},
      // but a noun after a share is what it is a share of
      {"Acme holds a 5% stake.", "5%", "stake", "percent:stake", ""},
      // after money, "in" names what the money is, unless a place or a time follows
      {"The storm caused $2bn in damage.", "$2bn", "damage", "currency:damage", ""},
      {"The state got $5m in new funding.", "$5m", "funding", "currency:funding", ""},
      {"The fund got $5m in March.", "$5m", "", "currency:?", ""},
      // "worth" and "costs" link the noun before them
      {"The deal is worth up to $4bn.", "up to $4bn", "deal", "currency:deal", ""},
      {"A ticket costs $50.", "$50", "ticket", "currency:ticket", ""},
      // function words end the phrase
      {"The plant could produce up to 500 MW once finished.", "up to 500 MW", "", "power:?", ""},
  });
  SUBCASE("categories and levels are identifiers, not quantities") {
    for (const char* s :
         {"The category 4 hurricane made landfall.", "The agency declared alert level 3."}) {
      INFO("sentence: ", s);
      CHECK(extract(s).empty());
    }
  }
}

TEST_CASE("context: lengths of a thing named before the figure") {
  check_rows({
      {"The new bridge stretches 11.8 miles across the strait.", "11.8 miles", "bridge",
       "length:bridge", ""},
      {"They opened the bridge, which is 16 miles long.", "16 miles", "bridge", "length:bridge",
       ""},
      {"The bridge is 19 km long.", "19 km", "bridge", "length:bridge", ""},
      {"The tunnel runs 57 km under the mountains.", "57 km", "tunnel", "length:tunnel", ""},
      // another aspect than the length is its own block, never compared with the length
      {"The tower, which is 300 m tall, opened.", "300 m", "tower", "length:height", ""},
      {"The bridge is 30 m wide.", "30 m", "bridge", "length:width", ""},
      {"The mayor is 45 years old.", "45 years", "mayor", "duration:age", ""},
      // "across" after a figure with nothing after it is a width
      {"The crater is 2 km across.", "2 km", "crater", "length:width", ""},
      {"It measures 2 km across.", "2 km", "", "length:width", ""},
  });
}

TEST_CASE("context: timeouts and multipliers") {
  check_rows({
      {"Requests time out after 30 seconds by default.", "30 seconds", "timeout",
       "duration:timeout", ""},
      {"The connection times out after 5 minutes.", "5 minutes", "timeout", "duration:timeout", ""},
      {"The timeout is 30 seconds.", "30 seconds", "timeout", "duration:timeout", ""},
      {"The default timeout of 30 seconds applies to all calls.", "30 seconds", "timeout",
       "duration:timeout", ""},
      // a word in -s after a known singular noun, ending its clause, is the verb
      {"A 30-second timeout applies to every request.", "30-second", "timeout", "duration:timeout", ""},
      {"The 30-second timeout applies.", "30-second", "timeout", "duration:timeout", ""},
      // but a plural before a verb is the head, and so is a plural after an unknown word
      {"300 wounded civilians were evacuated.", "300", "civilian", "count:injured", ""},
      {"Two data centers in Ohio closed.", "Two", "center", "count:center", "in ohio"},
      {"A budget of $5m remains.", "$5m", "budget", "currency:budget", ""},
      // "N times" counts repetitions of what is named before it, never "time"
      {"The client retries up to 3 times before failing.", "up to 3", "retry", "count:retry", ""},
      {"The job was retried 3 times.", "3", "", "count:?", ""},
  });
}

TEST_CASE("context: a figure compared back to the one before it is that one's old value") {
  // The earlier figure of a comparison is kept apart (":from"), and counts
  // what the figure it is compared with counts when it names nothing itself.
  check_rows({
      {"The company shipped 2.4 million units, up from 1.9 million a year earlier.", "1.9 million", "unit",
       "count:unit:from", ""},
      {"The company shipped 2.4 million units, up from 1.9 million a year earlier.", "2.4 million", "unit",
       "count:unit", ""},
      {"Unemployment fell to 4.1% in October from 4.3% in September.", "4.3%", "unemployment",
       "percent:unemployment:from", ""},
      {"Sales reached $3bn, compared with $2.5bn a year ago.", "$2.5bn", "sales", "currency:sales:from", ""},
      {"Turnout was 2,400 voters versus 1,900 last time.", "1,900", "voter", "count:voters:from", ""},
      {"Ticket prices rose to $331 from €190.", "€190", "price", "currency:price:from", ""},
      // a figure of another dimension is no old value
      {"Revenue rose to $3bn, up from 12% of the market.", "12%", "market", "percent:market", ""},
      // "from" alone is a comparison only after a change's target
      {"Police said 50,000 people came from 12 countries.", "12", "country", "count:country", ""},
      // "against" is a side of a vote, not a comparison
      {"The motion passed with 52 votes for and 48 against.", "48", "", "count:?", ""},
  });
}

TEST_CASE("context: an amount added to a total is kept apart from totals") {
  check_rows({
      {"A further 300 troops arrived on Monday.", "300", "troop", "count:military_personnel:change", ""},
      {"Another 1,200 people were evacuated.", "1,200", "people", "count:displaced:change", ""},
      {"The state approved an additional $5m for repairs.", "$5m", "", "currency:?:change", ""},
      {"They sent 300 more troops.", "300", "troop", "count:military_personnel:change", ""},
      // "more than" is a qualifier, not an addition
      {"They sent more than 300 troops.", "more than 300", "troop", "count:military_personnel", ""},
      // an age stated with "aged" is in years
      {"The man, aged 45, was arrested.", "45", "", "duration:age", ""},
  });
}

TEST_CASE("context: periods stated as adjectives") {
  struct PeriodRow {
    std::string sentence, text;
    std::optional<std::string> period;
  };
  const std::vector<PeriodRow> rows = {
      {"Third-quarter revenue was $4.5bn.", "$4.5bn", "2024-07-01/2024-09-30"},
      {"Acme expects fourth-quarter revenue of $5bn.", "$5bn", "2024-10-01/2024-12-31"},
      {"First-half profit rose to $2bn.", "$2bn", "2024-01-01/2024-06-30"},
      {"Second-half sales were $3bn.", "$3bn", "2024-07-01/2024-12-31"},
      {"Profit in the first half of 2023 was $1bn.", "$1bn", "2023-01-01/2023-06-30"},
      {"Full-year 2023 sales were $9bn.", "$9bn", "2023"},
      {"Revenue in the third quarter was $4.5bn.", "$4.5bn", "2024-07-01/2024-09-30"},
      // the adjective says what the figure is about; the day is when it was posted
      {"Acme posted third-quarter revenue of $4.25 billion on Thursday.", "$4.25 billion",
       "2024-07-01/2024-09-30"},
      // a full year with no year named stays open
      {"Full-year revenue was $9bn.", "$9bn", nullopt},
  };
  for (const PeriodRow& r : rows) {
    INFO("sentence: ", r.sentence);
    auto ms = extract(r.sentence, "2024-10-24");
    const Mention* m = figure(ms, r.text);
    REQUIRE(m != nullptr);
    CHECK(m->period == r.period);
  }
}

TEST_CASE("context: a weekday is the most recent such day on or before the document's date") {
  // 2025-03-02 is a Sunday.
  struct DayRow {
    std::string sentence;
    std::string period;
  };
  const std::vector<DayRow> rows = {
      {"On Tuesday 4 ships docked.", "2025-02-25"},   {"On Monday 4 ships docked.", "2025-02-24"},
      {"On Saturday 4 ships docked.", "2025-03-01"},  {"On Sunday 4 ships docked.", "2025-03-02"},
      {"On Wednesday 4 ships docked.", "2025-02-26"},
  };
  for (const DayRow& r : rows) {
    INFO("sentence: ", r.sentence);
    auto ms = extract(r.sentence, "2025-03-02");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].period == r.period);
  }
}

TEST_CASE("context: relative periods need a document date of the ISO form") {
  struct DateRow {
    std::optional<std::string> date;
    std::optional<std::string> period;  // of "Yesterday 4 ships docked."
  };
  const std::vector<DateRow> rows = {
      {"2025-03-02", "2025-03-01"},
      {"2025-03-02T09:30:00Z", "2025-03-01"},  // a timestamp: its day
      {"2025-3-2T09:30:00", "2025-03-01"},     // unpadded month and day
      {"2025-01-01", "2024-12-31"},
      {"02/03/2025", nullopt},  // not ISO: no anchor, so no period
      {"2025-13-02", nullopt},
      {"2025-03-xx", nullopt},
      {nullopt, nullopt},
  };
  for (const DateRow& r : rows) {
    INFO("date: ", r.date.value_or("(none)"));
    auto ms = extract("Yesterday 4 ships docked.", r.date);
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].period == r.period);
  }
}

TEST_CASE("context: each figure takes the nearest period of its own sentence") {
  auto ms = extract(
      "Some 12 ships docked in March. In 2023, 40 ships left the port. Another 7 arrived on Monday.",
      "2025-03-05");
  REQUIRE(ms.size() == 3);
  CHECK(ms[0].period == "2025-03");
  CHECK(ms[1].period == "2023");
  CHECK(ms[2].period == "2025-03-03");
}
