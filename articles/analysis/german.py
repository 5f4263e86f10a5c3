"""The German words that tell who is speaking, for reading German copy with the same rules.

Data only, no imports: `articles.analysis.speakers` reads a paragraph as German when enough of
its words are German function words, and then reads its articles and pronouns as the English
ones they stand for (der → the, sie → she), so that the rules written for English find the
speaker in „…“, sagte die Ministerin, „…“, so Roth and Roth sagte: „…“.
"""

# Verbs of speaking and writing as German copy uses them; a separable one by its first part
# (fügte … hinzu, räumte … ein, teilte … mit).
SPEECH_VERBS = frozenset(
    """sagte sagten sagt sagen gesagt erklärte erklärten erklärt betonte betonten betont meinte
    meinten meint fügte fügten fügt ergänzte ergänzten ergänzt warnte warnten warnt kritisierte
    kritisierten kritisiert forderte forderten fordert schrieb schrieben schreibt berichtete
    berichteten berichtet antwortete antworteten antwortet erläuterte erläutert räumte räumt
    teilte teilten teilt versicherte versichert bekräftigte bekräftigt unterstrich unterstreicht
    befand befindet fragte fragten fragt rief riefen ruft argumentierte argumentiert bestätigte
    bestätigt kündigte kündigt sprach spricht verkündete verkündet entgegnete entgegnet mahnte
    mahnt beklagte beklagt widersprach widerspricht""".split()
)
# Words German copy has often and English hardly ever: three in a paragraph make it German.
FUNCTION_WORDS = frozenset(
    """der die das den dem des ein eine einer eines einem einen und ist nicht mit sich auf für
    im zu auch wir ich er sie es werden wird wurde sei habe hat haben noch nach bei aus""".split()
)
GERMAN_AT = 3
# What the rules read a German word as: its English counterpart. The genitive and dative
# articles stand for a preposition, which ends the phrase naming the speaker (der Sprecher des
# Ministeriums, sagte Roth dem „Spiegel“); “aus” is where a person is from (Roth aus Berlin).
GLOSSES = {
    "der": "the", "die": "the", "das": "the", "den": "the", "dem": "to", "des": "of",
    "ein": "a", "eine": "a", "einer": "a", "eines": "of", "einem": "to", "einen": "a",
    "er": "he", "sie": "she", "aus": "of",
}  # fmt: skip
# Endings of German words for a role (Bürgermeisterin, Polizeisprecher, Vorstandschef).
ROLE_ENDINGS = (
    "sprecher", "sprecherin", "minister", "ministerin", "präsident", "präsidentin", "kanzler",
    "kanzlerin", "meister", "meisterin", "chef", "chefin", "direktor", "direktorin", "leiter",
    "leiterin", "experte", "expertin", "trainer", "trainerin", "vorsitzende", "vorsitzender",
    "anwalt", "anwältin", "richter", "richterin", "führer", "führerin", "abgeordnete",
    "abgeordneter", "professorin", "arzt", "ärztin", "forscher", "forscherin",
    "wissenschaftler", "wissenschaftlerin", "bewohner", "bewohnerin", "anwohner", "anwohnerin",
    "zeuge", "zeugin", "sprecherin", "polizist", "polizistin", "beamter", "beamtin", "senatorin",
)  # fmt: skip
# Words before a role (der frühere Top-Referee Kinhöfer, die neue Ministerin).
ROLE_ADJECTIVES = frozenset(
    """frühere früherer ehemalige ehemaliger neue neuer zuständige zuständiger stellvertretende
    stellvertretender langjährige langjähriger amtierende amtierender scheidende scheidender
    designierte designierter""".split()
)
# Nouns for a body that speaks (das Ministerium teilte mit).
BODY_NOUNS = frozenset(
    """unternehmen ministerium regierung bundesregierung landesregierung polizei firma konzern
    behörde verband gericht partei verein stadt gemeinde stadtverwaltung staatsanwaltschaft
    bahn klinik universität hochschule kommission ausschuss gewerkschaft""".split()
)
# Words opening a German sentence ahead of its verb that are not its subject, which then
# follows the verb (Am Montag sagte Roth: „…“).
OPENERS = frozenset(
    """Am Im Nach Dazu Später Auch Zudem Daher Dann Danach Anschließend Gestern Heute Außerdem
    Bei Beim In Zu Zum Zur Vor Vom Darüber Dabei Damals Jetzt Nun Trotzdem Deshalb Doch Zuvor
    Gegenüber Dort Hier Am Allerdings Laut So Zunächst Schließlich""".split()
)
