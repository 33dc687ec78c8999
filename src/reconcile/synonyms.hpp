// Built-in synonym classes for counted nouns and events: data, not code.
//
// Each row is a class name and its members separated by '|'. Members are
// lowercase words or phrases as the extractor gives `noun` (a lemma) and
// `event`; plural and inflected forms are listed where the lemma is not what
// the extractor is likely to give. `tally.json`'s "synonyms" extends these: a
// configured class that shares a word with a built-in one joins it.
//
// Kinds:
//   casualty  what happened to people (killed, injured...). Part of what is
//             counted: "45 people killed" counts the killed, and 300 soldiers
//             killed are not 300 soldiers deployed.
//   carrier   a noun that says only "people": "45 people killed" and
//             "45 killed" count the same thing.
//   neutral   reporting and change verbs ("said", "rose to"): they say nothing
//             about what is counted and are dropped from the event.
//   plain     everything else.
#pragma once

#include <array>
#include <string_view>

namespace tally::detail {

enum class SynonymKind { plain, casualty, carrier, neutral };

struct SynonymRow {
  std::string_view name;
  SynonymKind kind;
  std::string_view members;
};

inline constexpr std::array<SynonymRow, 32> k_synonym_rows{{
    // People, as what is counted
    {"troops", SynonymKind::plain,
     "troop|troops|soldier|soldiers|serviceman|servicemen|servicemember|servicemembers|service member|"
     "service members|personnel|military personnel|force|forces|fighter|fighters|combatant|combatants|"
     "army personnel|conscript|conscripts"},
    {"prisoners", SynonymKind::plain,
     "prisoner|prisoners|inmate|inmates|detainee|detainees|captive|captives|prisoner of war|prisoners of war|pow|pows"},
    {"employees", SynonymKind::plain,
     "employee|employees|worker|workers|staff|staff member|staff members|staffer|staffers|workforce|headcount"},
    {"students", SynonymKind::plain, "student|students|pupil|pupils|schoolchild|schoolchildren"},
    {"children", SynonymKind::plain, "child|children|kid|kids|minor|minors"},
    {"civilians", SynonymKind::plain, "civilian|civilians|noncombatant|noncombatants"},
    {"population", SynonymKind::plain, "population|inhabitant|inhabitants|populace"},
    {"visitors", SynonymKind::plain, "visitor|visitors|tourist|tourists"},
    {"homes", SynonymKind::plain, "house|houses|home|homes|dwelling|dwellings|housing unit|housing units"},
    {"people", SynonymKind::carrier, "person|persons|people|individual|individuals"},
    // What happened to them
    {"killed", SynonymKind::casualty,
     "killed|kill|kills|dead|death|deaths|death toll|toll|fatality|fatalities|died|die|dies|perished|"
     "lives lost|life lost|lost their lives|body|bodies"},
    {"injured", SynonymKind::casualty,
     "injured|injure|injury|injuries|wounded|wound|wounds|hurt"},
    {"casualties", SynonymKind::casualty, "casualty|casualties"},
    {"missing", SynonymKind::casualty, "missing|unaccounted for|disappeared"},
    {"displaced", SynonymKind::casualty, "displaced|evacuated|evacuee|evacuees|evacuation|homeless"},
    {"rescued", SynonymKind::casualty, "rescued|rescue|saved"},
    {"arrested", SynonymKind::casualty, "arrested|arrest|arrests|detained|detention"},
    // Events
    {"deployed", SynonymKind::plain,
     "deployed|deploy|deployment|sent|send|sending|dispatched|dispatch|stationed|present|arrived|arrive|"
     "arrival|serving|serve|fighting|fight|positioned|massed|amassed"},
    {"trained", SynonymKind::plain, "trained|train|training|trains|drilled"},
    {"released", SynonymKind::plain, "released|release|freed|free|set free|pardoned"},
    {"transferred", SynonymKind::plain, "transferred|transfer|moved|relocated"},
    {"recruited", SynonymKind::plain, "recruited|recruit|mobilised|mobilized|mobilisation|mobilization|drafted|enlisted"},
    {"hired", SynonymKind::plain, "hired|hire|hiring|employed|employ|employs"},
    {"laid off", SynonymKind::plain, "laid off|lay off|layoffs|layoff|cut|cuts|dismissed|fired|redundant"},
    // Money and measures
    {"revenue", SynonymKind::plain, "revenue|revenues|sales|turnover|top line|net sales"},
    {"profit", SynonymKind::plain, "profit|profits|net profit|net income|earnings|bottom line"},
    {"loss", SynonymKind::plain, "loss|losses|net loss"},
    {"length", SynonymKind::plain, "length|long|span|spans|stretches|stretch|runs"},
    {"timeout", SynonymKind::plain, "timeout|timeouts|time-out|time out|time limit|deadline"},
    {"cost", SynonymKind::plain, "cost|costs|price|budget|spending|spend"},
    // Neutral verbs: how a figure was reported or moved, not what it counts
    {"", SynonymKind::neutral,
     "said|says|say|reported|report|reports|announced|announce|posted|post|stated|state|told|estimated|"
     "estimate|estimates|put|puts|is|are|was|were|be|been|being|has|have|had|reach|reached|reaches|"
     "rose|rise|rises|risen|climbed|climb|increased|increase|grew|grow|fell|fall|falls|dropped|drop|"
     "totalled|totaled|total|totals|stood|stand|stands|number|numbered|numbers|count|counted|"
     "confirmed|confirm|according|put at|believed|thought|expected|updated|revised"},
    {"", SynonymKind::neutral, "at|in|of|to|about|around|some|nearly|over|more than|up to"},
}};

}  // namespace tally::detail
