//! The word lists the fake values are made of: Dutch names, streets, cities
//! with their postcode ranges, domains that belong to no one, and ISMT's
//! products and events.

#[rustfmt::skip]
pub(crate) const FIRST_NAMES: &[&str] = &[
    "Jan", "Pieter", "Kees", "Willem", "Henk", "Gerrit", "Johan", "Bas", "Maarten", "Wouter",
    "Niels", "Joost", "Bram", "Daan", "Sem", "Lucas", "Thijs", "Ruben", "Jesse", "Koen",
    "Sven", "Rik", "Stijn", "Tim", "Mohamed", "Yusuf", "Emre", "Arjen", "Frank", "Erik",
    "Sanne", "Lotte", "Emma", "Femke", "Anouk", "Marieke", "Inge", "Ingrid", "Annelies", "Fleur",
    "Noor", "Julia", "Sophie", "Tess", "Mila", "Marloes", "Esther", "Hanneke", "Wendy", "Fatima",
    "Zoë", "Anaïs", "Chloë", "Eline", "Iris", "Lieke", "Petra", "Monique", "Yvonne", "Saskia",
];

/// Surnames with their tussenvoegsel.
#[rustfmt::skip]
pub(crate) const SURNAMES: &[(&str, &str)] = &[
    ("de", "Vries"), ("van", "Dijk"), ("", "Jansen"), ("de", "Jong"), ("", "Bakker"),
    ("", "Visser"), ("", "Smit"), ("", "Meijer"), ("de", "Boer"), ("", "Mulder"),
    ("de", "Groot"), ("", "Bos"), ("", "Vos"), ("", "Peters"), ("", "Hendriks"),
    ("van", "Leeuwen"), ("", "Dekker"), ("", "Brouwer"), ("de", "Wit"), ("", "Dijkstra"),
    ("", "Smits"), ("de", "Graaf"), ("van der", "Meer"), ("van der", "Linden"), ("", "Kok"),
    ("", "Jacobs"), ("de", "Haan"), ("", "Vermeulen"), ("van den", "Berg"), ("van der", "Heijden"),
    ("van den", "Broek"), ("", "Schouten"), ("van", "Beek"), ("", "Willems"), ("van", "Vliet"),
    ("", "Hoekstra"), ("", "Maas"), ("", "Verhoeven"), ("", "Koster"), ("van", "Dam"),
    ("van 't", "Hof"), ("in 't", "Veld"), ("ter", "Horst"), ("", "Kaya"), ("", "El Amrani"),
    ("", "Yılmaz"), ("", "Nguyen"), ("", "Pronk"), ("", "Zwart"), ("van", "Wijk"),
];

#[rustfmt::skip]
pub(crate) const STREETS: &[&str] = &[
    "Dorpsstraat", "Kerkstraat", "Schoolstraat", "Molenweg", "Stationsweg", "Julianastraat",
    "Wilhelminastraat", "Beatrixlaan", "Nieuwstraat", "Hoofdstraat", "Kastanjelaan", "Eikenlaan",
    "Berkenlaan", "Lindelaan", "Parallelweg", "Sportlaan", "Prinses Irenestraat", "Oranjestraat",
    "Marktstraat", "Zandweg", "Havenstraat", "Spoorstraat", "Rijksstraatweg", "Kennemerweg",
    "Zijlweg", "Spaarnelaan", "Duinweg", "Tulpstraat", "Narcissenlaan", "Burgemeester Visserstraat",
];

/// Cities with a real range of their four postcode digits and their area code.
#[rustfmt::skip]
pub(crate) const CITIES: &[(&str, u32, u32, &str)] = &[
    ("Haarlem", 2011, 2037, "023"), ("Haarlem", 2011, 2037, "023"), ("Haarlem", 2011, 2037, "023"),
    ("Heemstede", 2101, 2106, "023"), ("Hoofddorp", 2131, 2136, "023"), ("Zandvoort", 2041, 2042, "023"),
    ("Amsterdam", 1011, 1109, "020"), ("Amsterdam", 1011, 1109, "020"), ("Zaandam", 1501, 1509, "075"),
    ("Alkmaar", 1811, 1827, "072"), ("Almere", 1311, 1364, "036"), ("Leiden", 2311, 2334, "071"),
    ("Den Haag", 2491, 2599, "070"), ("Delft", 2611, 2629, "015"), ("Rotterdam", 3011, 3089, "010"),
    ("Utrecht", 3511, 3585, "030"), ("Amersfoort", 3811, 3829, "033"), ("Eindhoven", 5611, 5658, "040"),
    ("Tilburg", 5011, 5049, "013"), ("Breda", 4811, 4839, "076"), ("Nijmegen", 6511, 6546, "024"),
    ("Arnhem", 6811, 6846, "026"), ("Apeldoorn", 7311, 7339, "055"), ("Enschede", 7511, 7548, "053"),
    ("Zwolle", 8011, 8046, "038"), ("Deventer", 7411, 7429, "0570"), ("Groningen", 9711, 9747, "050"),
    ("Leeuwarden", 8911, 8939, "058"), ("Maastricht", 6211, 6229, "043"),
];

/// Letters used in postcodes (`SA`, `SD` and `SS` are never issued).
pub(crate) const POSTCODE_LETTERS: &[u8] = b"ABCDEGHJKLMNPRSTVWXZ";

/// E-mail domains that belong to no one.
#[rustfmt::skip]
pub(crate) const MAIL_DOMAINS: &[&str] = &[
    "example.nl", "example.nl", "voorbeeld.nl", "voorbeeld.nl", "example.com", "example.org",
    "example.net", "voorbeeld.example", "post.example", "mail.example",
];

pub(crate) const BANKS: &[&str] = &[
    "INGB", "ABNA", "RABO", "SNSB", "ASNB", "TRIO", "KNAB", "BUNQ",
];

/// Trades of businesses named after their owner.
#[rustfmt::skip]
pub(crate) const TRADES: &[&str] = &[
    "Klusbedrijf", "Installatiebedrijf", "Timmerbedrijf", "Schildersbedrijf", "Loodgietersbedrijf",
    "Elektrotechniek", "Hoveniersbedrijf", "Onderhoudsbedrijf", "Montagebedrijf", "Dakdekkersbedrijf",
];

#[rustfmt::skip]
pub(crate) const COMPANY_NAMES: &[&str] = &[
    "Kennemer Installaties B.V.", "Spaarne Bouw B.V.", "Techniek Noord B.V.", "Duinstreek Onderhoud B.V.",
    "Bouwgroep Haarlemmermeer B.V.", "Randstad Montage B.V.", "Polder Techniek B.V.", "Zuidkust Vastgoedbeheer B.V.",
    "Werkplaats Oost B.V.", "Gebr. Molenaar Bouw B.V.", "Noordzee Facilitair B.V.", "Amstel Gereedschapverhuur B.V.",
    "Delta Renovatie B.V.", "Veluwe Techniek B.V.", "Brabant Bouwservice B.V.", "Friesland Installatiegroep B.V.",
    "Rijnmond Onderhoud B.V.", "Gooi Projecten B.V.", "Waterland Bouw B.V.", "Holland Werkplaatsen B.V.",
    "Kust Facilitair B.V.", "Vecht Bouw en Onderhoud B.V.", "Utrechtse Montagegroep B.V.", "IJmond Techniek B.V.",
];

/// Products: sku suffix, name, description, price in cents.
#[rustfmt::skip]
pub(crate) const PRODUCTS: &[(&str, &str, i64)] = &[
    ("Accuboormachine 18V", "Lichte accuboormachine met twee accu's en snellader.", 14999),
    ("Klopboormachine", "Krachtige klopboormachine voor beton en metselwerk.", 11995),
    ("Decoupeerzaag", "Decoupeerzaag met pendelstand en stofafzuiging.", 8995),
    ("Cirkelzaag", "Handcirkelzaag met aansluiting voor een geleiderail.", 15900),
    ("Haakse slijper", "Compacte haakse slijper met veiligheidskoppeling.", 7450),
    ("Schuurmachine", "Excentrische schuurmachine met klittenbandzool.", 9900),
    ("Multitool", "Oscillerende multitool met twaalf accessoires.", 12950),
    ("Compressor 24 liter", "Stille compressor voor de werkplaats.", 27900),
    ("Hogedrukreiniger", "Hogedrukreiniger met terrasreiniger.", 19995),
    ("Werkbank", "Stevige houten werkbank met bankschroef.", 34900),
    ("Gereedschapskoffer", "Gevulde gereedschapskoffer met honderd delen.", 8950),
    ("Bitset", "Bitset met magnetische houder.", 1995),
    ("Borenset HSS", "Metaalborenset in een stevige cassette.", 2995),
    ("Zaagbladenset", "Zaagbladen voor hout en metaal.", 1750),
    ("Schuurpapier assortiment", "Schuurvellen in vijf korrelgroottes.", 1295),
    ("Veiligheidsbril", "Veiligheidsbril met krasvaste glazen.", 995),
    ("Gehoorbeschermer", "Gehoorkap met verstelbare beugel.", 1895),
    ("Werkhandschoenen", "Werkhandschoenen met grip, per paar.", 650),
    ("Reformladder", "Aluminium reformladder in drie delen.", 18900),
    ("Rolsteiger", "Verrijdbare rolsteiger voor binnen en buiten.", 49900),
    ("Lasapparaat", "Inverter lasapparaat voor beginners en vakmensen.", 32900),
    ("Soldeerstation", "Regelbaar soldeerstation met standaard.", 7995),
    ("Multimeter", "Digitale multimeter met doorgangstest.", 3495),
    ("Kruislijnlaser", "Kruislijnlaser met statief.", 13900),
    ("Rolmaat", "Rolmaat van vijf meter met rem.", 1195),
    ("Kitpistool", "Kitpistool voor kokers.", 1450),
    ("Lijmpistool", "Lijmpistool met lijmpatronen.", 2495),
    ("Bouwstofzuiger", "Bouwstofzuiger voor nat en droog.", 16900),
    ("Reserveaccu 18V", "Reserveaccu voor de accugereedschappen van de serie.", 6995),
    ("Snellader", "Snellader voor alle accu's van de serie.", 4995),
    ("Onderhoudsbeurt gereedschap", "Reiniging, controle en afstelling door onze servicedienst.", 4950),
    ("Onderhoudscontract", "Jaarlijks onderhoud met voorrang bij reparaties.", 19900),
    ("Reparatie accugereedschap", "Reparatie in onze eigen werkplaats.", 6500),
    ("Koolborstels", "Set koolborstels voor boor- en slijpmachines.", 1250),
    ("Compressorolie", "Olie voor zuigercompressoren, een liter.", 1395),
    ("Kettingzaag", "Elektrische kettingzaag met automatische smering.", 14500),
    ("Heggenschaar", "Accu-heggenschaar met lang mes.", 11900),
    ("Bladblazer", "Bladblazer met opvangzak.", 8900),
    ("Werklamp", "Oplaadbare werklamp met magneet.", 3995),
    ("Kabelhaspel", "Kabelhaspel van vijfentwintig meter.", 4450),
];

/// Promotions and trade fairs: code, name, day.
#[rustfmt::skip]
pub(crate) const EVENTS: &[(&str, &str, (i64, u32, u32))] = &[
    ("VAKBEURS22", "Vakbeurs Techniek 2022", (2022, 3, 16)),
    ("OPENDAG22", "Open dag Haarlem 2022", (2022, 9, 24)),
    ("VOORJAAR23", "Voorjaarsactie 2023", (2023, 4, 3)),
    ("VAKBEURS23", "Vakbeurs Techniek 2023", (2023, 3, 15)),
    ("BOUWDAGEN23", "Bouwvakdagen Utrecht 2023", (2023, 10, 11)),
    ("OPENDAG23", "Open dag Haarlem 2023", (2023, 9, 30)),
    ("VAKBEURS24", "Vakbeurs Techniek 2024", (2024, 3, 13)),
    ("KLUSBEURS24", "Klusbeurs Hoofddorp 2024", (2024, 5, 25)),
    ("ZOMER24", "Zomeractie 2024", (2024, 7, 1)),
    ("OPENDAG24", "Open dag Haarlem 2024", (2024, 9, 28)),
];
