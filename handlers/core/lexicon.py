"""General English news vocabulary used by the people, role and quote rules.

Everything here is generic: titles, honorifics, speech verbs, person nouns, country and
place names, organisation heads and common capitalisable words. There are deliberately
no names of specific people: people are found from how the text talks about them, and
these lists only say which capitalised words are *not* names, or which words cue a name.
Keys are stored in the case they are looked up with (see each set's comment).
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    """Split a whitespace/pipe separated block into a frozenset (multi-word items use _)."""
    return frozenset(w.replace("_", " ") for w in text.split() if w)


# --- honorifics: a courtesy title that marks a person but is not a role (exact case)
HONORIFICS = _words("""
Mr Mrs Ms Miss Mx Dr Sir Dame Mister Madam Madame Mme Mlle Monsieur Herr Frau Senor Senora
Señor Señora Shri Sri Smt Shrimati Kumari Sayyid Syed Hajji Haji Mr. Mrs. Ms. Dr. Mme.
""")
MALE_HONORIFICS = _words("Mr Mr. Mister Sir Monsieur Herr Senor Señor Shri Lord King Prince Father")
FEMALE_HONORIFICS = _words("""
Mrs Mrs. Ms Ms. Miss Madam Madame Mme Mme. Mlle Frau Senora Señora Smt Shrimati Kumari Dame Lady
Queen Princess Sister
""")

# --- title heads: a capitalised word that makes the words before a name a role (exact case)
TITLE_HEADS = _words("""
President President-elect Vice-President Premier Minister Secretary Secretary-General
Under-Secretary Undersecretary Senator Sen Sen. Representative Rep Rep. Congressman
Congresswoman Congressmember Governor Gov Gov. Governor-General Mayor Ambassador Envoy
Chancellor Vice-Chancellor Commissioner Director Director-General Administrator Chairman
Chairwoman Chairperson Chair CEO CFO COO CTO Chief Leader Speaker Spokesman Spokeswoman
Spokesperson King Queen Prince Princess Emperor Empress Sultan Emir Sheikh Pope Cardinal
Archbishop Bishop Rabbi Imam Ayatollah Mullah Pastor Reverend Rev Rev. Father General Gen
Gen. Lieutenant Lt Lt. Lt-Gen Colonel Col Col. Major Maj Maj. Captain Capt Capt. Admiral Adm
Adm. Commander Cmdr Cmdr. Sergeant Sgt Sgt. Corporal Cpl Marshal Field-Marshal Brigadier
Brig Brig. Judge Justice Magistrate Attorney Attorney-General Prosecutor Solicitor-General
Lawmaker MP MEP MLA MLC MK Councillor Councilor Alderman Sheriff Superintendent Inspector
Detective Constable Officer Consul Diplomat Treasurer Provost Rector Professor
Prof Prof. Coach Manager Editor Founder Co-founder Cofounder Owner President-Elect Taoiseach
Tanaiste Comptroller Auditor-General Ombudsman Registrar Economist Analyst PM FM EAM NSA DG
Lord Lady Baroness Baron Countess Duke Duchess Earl Marquess Viscount Archduke Tsar
Czar Shah Raja Rani Maharaja Nawab Crown Regent Delegate Deputy Commandant Envoy-designate
""")

# --- role modifiers: capitalised words that can sit inside a title (exact case)
ROLE_MODIFIERS = _words("""
Vice Deputy Assistant Associate Acting Interim Senior Junior Principal Executive Chief
Former Late First Second Third Joint Special Permanent Honorary Emeritus Shadow Opposition
Foreign External Affairs Home Interior Internal Finance Financial Treasury Health Education
Environment Environmental State States Trade Commerce Justice Labour Labor Energy Agriculture
Transport Transportation Culture Cultural Information Communications Economy Economic
Development Security Homeland National International Public Social Welfare Petroleum Oil
Gas Water Resources Power Railways Railway Civil Aviation Women Child Children Family
Science Technology Industry Industries Tourism Sport Sports Youth Urban Rural Housing
Planning Fisheries Forest Forests Climate Change Immigration Citizenship Veterans Human
Rights Services Intelligence Cabinet General Staff Chiefs Army Navy Naval Air Force Forces
Marine Marines Police Central South North East West Southern Northern Eastern Western Middle
Affairs Relations Cooperation Policy Strategic Operations Legal Parliamentary Union Federal
Regional Provincial District County City Municipal Metropolitan Party Democratic Republican
Conservative Liberal Labour Minority Majority Whip House Senate Parliament Congress Assembly
Council Committee Commission Board Bureau Department Ministry Office Agency Authority
Administration Government Cabinet Defence Defense Military Armed Nuclear Space Research
Communication Broadcasting Heritage Arts Digital Media Food Consumer Corporate Cooperatives
Textiles Mines Mining Coal Steel Chemicals Fertilisers Fertilizers Shipping Ports Waterways
Road Roads Highways Minorities Tribal Panchayati Raj Skill Skills Entrepreneurship
Electronics Telecommunications Telecom Post Posts Personnel Grievances Pensions Statistics
Programme Program Implementation Disaster Management Emergency Emergencies Relief Refugees
Migration Equality Equalities Levelling Local Northern Scottish Welsh Irish European Asian
African American Pacific Atlantic Arctic Latin Caribbean Gulf Arab Persian Nordic Baltic
Balkan Eurasian Asia Europe Africa America Americas Oceania Antarctica Indo-Pacific
Asia-Pacific Crown Court Supreme High Appeals Appeal District Circuit Federal Reserve
Bank Central Monetary Fund Nations United Kingdom Kingdoms Republic Emirates Kingdom
Chamber Commons Lords Legislative Executive Judicial Council's Secretariat Headquarters
UN NATO EU WHO IMF WTO ASEAN AU OPEC G7 G20 BRICS SCO SAARC Quad Inc Corp Co Ltd
Staff Chiefs Joint Operations Commanding Chairman's Ministerial Minister's Of Of the
Treasury's Security's Royal Imperial Presidential Prime Vice-Chairman Opposition's
South-East Southeast North-East Northeast South-West Southwest North-West Northwest
""")

# --- person nouns: lowercase nouns naming a person's role or description (lowercase keys)
PERSON_NOUNS = _words("""
president premier minister secretary senator representative congressman congresswoman
governor mayor ambassador envoy chancellor commissioner director administrator chairman
chairwoman chairperson chair ceo cfo coo cto chief leader speaker spokesman spokeswoman
spokesperson king queen prince princess emperor sultan emir sheikh pope cardinal archbishop
bishop rabbi imam ayatollah pastor priest reverend general lieutenant colonel captain
admiral commander sergeant corporal marshal brigadier judge justice magistrate attorney
prosecutor lawyer barrister solicitor advocate lawmaker legislator mp mep mla councillor
councilor alderman sheriff superintendent inspector detective constable officer official
consul diplomat treasurer dean provost rector principal professor lecturer teacher coach
manager editor founder co-founder cofounder owner economist analyst expert researcher
scientist scholar academic historian author coauthor co-author writer novelist poet
journalist reporter correspondent columnist commentator anchor presenter host producer
director actor actress singer musician rapper artist painter photographer filmmaker
designer architect engineer doctor physician surgeon nurse psychologist psychiatrist
therapist pharmacist homeopath curator student pupil graduate undergraduate teenager boy
girl man woman mother father son daughter brother sister wife husband widow widower uncle
aunt nephew niece cousin grandmother grandfather grandson granddaughter child baby resident
citizen national native farmer worker employee employer entrepreneur businessman
businesswoman executive investor banker trader activist campaigner protester organiser
organizer volunteer candidate nominee contender challenger incumbent opponent rival ally
supporter critic adviser advisor aide assistant deputy associate counterpart colleague
partner surrogate loyalist confidant confidante protege envoy emissary negotiator mediator
delegate representative member chief strategist operative consultant contractor lobbyist
donor fundraiser player striker midfielder defender goalkeeper forward captain referee
umpire athlete cyclist runner swimmer boxer wrestler golfer racer driver pilot astronaut
soldier veteran militant terrorist insurgent fighter commander warlord rebel gunman
suspect defendant accused plaintiff victim witness survivor prisoner detainee inmate
convict fugitive hostage refugee migrant asylum-seeker immigrant pilgrim worshipper
priestess monk nun cleric preacher missionary evangelist theologian philosopher
mathematician physicist chemist biologist astronomer geologist engineer inventor
technologist programmer developer hacker blogger vlogger influencer youtuber cosplayer
illustrator cartoonist comedian dancer choreographer composer conductor pianist guitarist
drummer violinist vocalist frontman band-mate bandmate teammate classmate roommate
neighbour neighbor friend spouse fiance fiancee girlfriend boyfriend heir successor
predecessor founder-member chairman-designate president-elect prime-minister head
headmaster headteacher superintendent warden guard ranger firefighter paramedic
policeman policewoman trooper marine sailor airman commando spy agent informant
whistleblower defector dissident opposition leader monarch regent ruler dictator
strongman autocrat chieftain elder patriarch matriarch archdeacon deacon vicar chaplain
rector abbot guru swami lama ayatollah mufti mullah imam sheikh emir nawab raja maharaja
undersecretary under-secretary secretary-general director-general attorney-general
solicitor-general governor-general vice-president vice-chancellor vice-chairman
spokesperson mp cm pm fm eam nsa manager owner proprietor landlord tenant shopkeeper
vendor salesman saleswoman chef cook waiter driver chauffeur pilot captain skipper
""")

# --- speech and attribution cue verbs (lowercase); reported-speech capable ones below
SPEECH_VERBS = _words("""
said says say saying told tells tell added adds warned warns noted notes stressed stresses
insisted insists wrote writes asked asks explained explains declared declares announced
announces claimed claims argued argues alleged alleges recalled recalls remarked remarks
urged urges tweeted tweets posted stated states commented comments continued continues
replied replies responded responds acknowledged acknowledges admitted admits confirmed
confirms denied denies emphasised emphasises emphasized emphasizes observed observes
suggested suggests believes believed thinks thought reported reports revealed reveals
maintained maintains contended contends conceded concedes countered counters cautioned
cautions predicted predicts promised promises pledged pledges vowed vows complained
complains concluded concludes estimated estimates mentioned mentions disclosed discloses
asserted asserts indicated indicates highlighted highlights underlined underlines
reiterated reiterates assured assures informed informs agreed agrees hoped hopes feared
fears expected expects boasted boasts lamented laments quipped quips joked jokes
shouted shouts exclaimed exclaims whispered whispers announced wondered wonders
told
""")

MALE_PRONOUNS = _words("he He him his His himself")
FEMALE_PRONOUNS = _words("she She her Her herself")

# --- adverbs and auxiliaries allowed between a subject and its cue verb (lowercase)
CUE_FILLERS = _words("""
also later then further earlier previously recently separately again once too has have had
will would could may might must shall should is was were are been being be did does do
not never reportedly repeatedly publicly privately subsequently yesterday today tonight
however meanwhile already still just only first last finally additionally simply
""")

# --- capitalised function words that start sentences and are never names (exact case)
STOP_CAPS = _words("""
The A An In On At By For From With Without Of To Into Onto Over Under About Above Below After
Before During Since Until Till While When Whenever Where Wherever Why How What Which Who Whom
Whose Whether If Unless Although Though Because As Than Then Thus Hence So But And Or Nor Yet
Also However Moreover Furthermore Meanwhile Nevertheless Nonetheless Still Instead Indeed
This That These Those There Here It Its It's He She They We You I His Her Their Our Your My
Him Them Us Me Mine Ours Theirs Hers Some Any Many Much More Most Few Several All Both Each
Every Either Neither No Not None One Two Three Four Five Six Seven Eight Nine Ten First Second
Third Last Next Other Another Such Same Only Even Just Now Today Yesterday Tomorrow Tonight
Earlier Later Soon Once Twice Again Already Yes Well Oh Please Thank Thanks Dear Hello Hi
Notably Recently Currently Previously Finally Additionally Similarly Likewise Accordingly
Consequently Therefore Otherwise Overall Perhaps Maybe Certainly Clearly Obviously Indeed
Despite Amid Amidst Among Amongst Between Beyond Against Along Across Around Behind Beside
Besides Near Inside Outside Through Throughout Toward Towards Upon Within Via Per Following
According Including Regarding Concerning Considering Given Speaking Asked Told Said Says
Read Watch Listen See Click Follow Share Subscribe Download Sign Log Get Also Image Photo
Video Audio Source Sources Edited Updated Published Posted Copyright Advertisement
""")

# --- first words of place names ("New Zealander", "South Korea", "San Diego") (exact case)
PLACE_PREFIXES = _words("""
New North South East West Saint St St. San Santa Los Las El Fort Port Mount Mt Lake Cape Upper
Lower Greater Little Great Old Central Northern Southern Eastern Western Sao São Porto Puerto
Rio Bay Gulf Mountain Valley Isle Isla Costa Sierra Nueva Nuevo Ciudad Lago Monte
""")

# --- months and days (exact case)
CALENDAR = _words("""
January February March April May June July August September October November December Jan
Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday
Saturday Sunday Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun Christmas Easter Diwali Eid
Ramadan Hanukkah Thanksgiving
""")

# --- countries and their display demonyms for roles ("India" -> "Indian")
COUNTRY_DEMONYMS: dict[str, str] = {
    "US": "US", "U.S.": "US", "USA": "US", "U.S.A.": "US", "United States": "US",
    "America": "US", "American": "US", "UK": "UK", "U.K.": "UK", "Britain": "British",
    "Great Britain": "British", "United Kingdom": "UK", "British": "British", "England":
    "English", "Scotland": "Scottish", "Wales": "Welsh", "Ireland": "Irish", "EU": "EU",
    "European Union": "EU", "UN": "UN", "United Nations": "UN", "NATO": "NATO",
    "Afghanistan": "Afghan", "Albania": "Albanian", "Algeria": "Algerian", "Angola":
    "Angolan", "Argentina": "Argentine", "Armenia": "Armenian", "Australia": "Australian",
    "Austria": "Austrian", "Azerbaijan": "Azerbaijani", "Bahrain": "Bahraini", "Bangladesh":
    "Bangladeshi", "Belarus": "Belarusian", "Belgium": "Belgian", "Bhutan": "Bhutanese",
    "Bolivia": "Bolivian", "Bosnia": "Bosnian", "Brazil": "Brazilian", "Bulgaria":
    "Bulgarian", "Cambodia": "Cambodian", "Cameroon": "Cameroonian", "Canada": "Canadian",
    "Chile": "Chilean", "China": "Chinese", "Colombia": "Colombian", "Congo": "Congolese",
    "Croatia": "Croatian", "Cuba": "Cuban", "Cyprus": "Cypriot", "Czech Republic": "Czech",
    "Czechia": "Czech", "Denmark": "Danish", "Ecuador": "Ecuadorian", "Egypt": "Egyptian",
    "Estonia": "Estonian", "Ethiopia": "Ethiopian", "Fiji": "Fijian", "Finland": "Finnish",
    "France": "French", "Georgia": "Georgian", "Germany": "German", "Ghana": "Ghanaian",
    "Greece": "Greek", "Guatemala": "Guatemalan", "Haiti": "Haitian", "Honduras":
    "Honduran", "Hungary": "Hungarian", "Iceland": "Icelandic", "India": "Indian",
    "Indonesia": "Indonesian", "Iran": "Iranian", "Iraq": "Iraqi", "Israel": "Israeli",
    "Italy": "Italian", "Jamaica": "Jamaican", "Japan": "Japanese", "Jordan": "Jordanian",
    "Kazakhstan": "Kazakh", "Kenya": "Kenyan", "Kuwait": "Kuwaiti", "Kyrgyzstan": "Kyrgyz",
    "Laos": "Lao", "Latvia": "Latvian", "Lebanon": "Lebanese", "Libya": "Libyan",
    "Lithuania": "Lithuanian", "Malaysia": "Malaysian", "Maldives": "Maldivian", "Mali":
    "Malian", "Malta": "Maltese", "Mexico": "Mexican", "Moldova": "Moldovan", "Mongolia":
    "Mongolian", "Montenegro": "Montenegrin", "Morocco": "Moroccan", "Mozambique":
    "Mozambican", "Myanmar": "Myanmar", "Burma": "Burmese", "Namibia": "Namibian", "Nepal":
    "Nepali", "Netherlands": "Dutch", "Holland": "Dutch", "New Zealand": "New Zealand",
    "Nicaragua": "Nicaraguan", "Niger": "Nigerien", "Nigeria": "Nigerian", "North Korea":
    "North Korean", "Norway": "Norwegian", "Oman": "Omani", "Pakistan": "Pakistani",
    "Palestine": "Palestinian", "Panama": "Panamanian", "Paraguay": "Paraguayan", "Peru":
    "Peruvian", "Philippines": "Philippine", "Poland": "Polish", "Portugal": "Portuguese",
    "Qatar": "Qatari", "Romania": "Romanian", "Russia": "Russian", "Rwanda": "Rwandan",
    "Saudi Arabia": "Saudi", "Senegal": "Senegalese", "Serbia": "Serbian", "Singapore":
    "Singaporean", "Slovakia": "Slovak", "Slovenia": "Slovenian", "Somalia": "Somali",
    "South Africa": "South African", "South Korea": "South Korean", "Korea": "Korean",
    "South Sudan": "South Sudanese", "Spain": "Spanish", "Sri Lanka": "Sri Lankan", "Sudan":
    "Sudanese", "Sweden": "Swedish", "Switzerland": "Swiss", "Syria": "Syrian", "Taiwan":
    "Taiwanese", "Tajikistan": "Tajik", "Tanzania": "Tanzanian", "Thailand": "Thai",
    "Tunisia": "Tunisian", "Turkey": "Turkish", "Türkiye": "Turkish", "Turkmenistan":
    "Turkmen", "Uganda": "Ugandan", "Ukraine": "Ukrainian", "United Arab Emirates": "UAE",
    "UAE": "UAE", "Uruguay": "Uruguayan", "Uzbekistan": "Uzbek", "Venezuela": "Venezuelan",
    "Vietnam": "Vietnamese", "Yemen": "Yemeni", "Zambia": "Zambian", "Zimbabwe":
    "Zimbabwean", "Vatican": "Vatican", "Hong Kong": "Hong Kong", "Scotland's": "Scottish",
    "Quebec": "Quebec", "Ontario": "Ontario", "Texas": "Texas", "California": "California",
}
# demonyms map to their display form (identity except the US/UK aliases)
DEMONYMS: dict[str, str] = {d: d for d in COUNTRY_DEMONYMS.values()}
DEMONYMS.update({"American": "US", "Brit": "British", "Kiwi": "New Zealand", "Emirati": "UAE",
                 "Filipino": "Philippine", "Saudi": "Saudi", "Argentinian": "Argentine",
                 "Korean": "Korean", "Palestinian": "Palestinian", "Kurdish": "Kurdish",
                 "Catalan": "Catalan", "Basque": "Basque", "Tibetan": "Tibetan",
                 "Sikh": "Sikh", "Khalistani": "Khalistani", "Kashmiri": "Kashmiri",
                 "Punjabi": "Punjabi", "Bengali": "Bengali", "Tamil": "Tamil"})

# --- places that are not countries: capitals, large cities, regions, US states (exact case)
PLACES = _words("""
Washington Delhi New_Delhi Mumbai Bombay Kolkata Calcutta Chennai Madras Bengaluru
Bangalore Hyderabad Ahmedabad Pune Jaipur Lucknow Srinagar Kabul Islamabad Karachi Lahore
Dhaka Kathmandu Colombo Beijing Shanghai Hong_Kong Macau Taipei Tokyo Osaka Kyoto Hiroshima
Seoul Pyongyang Manila Jakarta Bangkok Hanoi Saigon Singapore Kuala_Lumpur Canberra Sydney
Melbourne Brisbane Perth Adelaide Auckland Wellington Moscow Kyiv Kiev Minsk Warsaw Berlin
Munich Frankfurt Hamburg Paris Lyon Marseille London Manchester Liverpool Birmingham
Edinburgh Glasgow Dublin Belfast Cardiff Madrid Barcelona Lisbon Rome Milan Naples Venice
Vienna Prague Budapest Bucharest Sofia Athens Istanbul Ankara Brussels Amsterdam The_Hague
Geneva Zurich Bern Stockholm Oslo Copenhagen Helsinki Reykjavik Cairo Tehran Baghdad
Damascus Beirut Amman Riyadh Jeddah Mecca Medina Doha Dubai Abu_Dhabi Muscat Jerusalem
Tel_Aviv Gaza Ramallah Nairobi Lagos Abuja Johannesburg Pretoria Cape_Town Addis_Ababa
Khartoum Tripoli Tunis Algiers Rabat Casablanca Ottawa Toronto Montreal Vancouver Mexico_City
Havana Bogota Lima Santiago Buenos_Aires Caracas Brasilia Rio Sao_Paulo New_York Los_Angeles
Chicago Houston Dallas Austin Boston Philadelphia Atlanta Miami Seattle Denver Detroit
San_Francisco San_Diego Las_Vegas Phoenix Baltimore Pittsburgh Brooklyn Manhattan Queens
Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia
Hawaii Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts
Michigan Minnesota Mississippi Missouri Montana Nebraska Nevada New_Hampshire New_Jersey
New_Mexico North_Carolina North_Dakota Ohio Oklahoma Oregon Pennsylvania Rhode_Island
South_Carolina South_Dakota Tennessee Texas Utah Vermont Virginia West_Virginia Wisconsin
Wyoming Punjab Kashmir Jammu Ladakh Gujarat Kerala Bihar Assam Sikkim Goa Bengal Tamil_Nadu
Karnataka Maharashtra Rajasthan Uttar_Pradesh Manipur Tibet Xinjiang Taiwan Crimea Donbas
Kharkiv Odesa Mariupol Bakhmut Gaza_Strip West_Bank Golan Sinai Kurdistan Balochistan
Europe Asia Africa Antarctica Oceania Americas Arctic Atlantic Pacific Indian_Ocean
Mediterranean Middle_East Near_East Far_East Indo-Pacific Asia-Pacific Eurasia Scandinavia
Balkans Caucasus Sahel Himalayas Himalaya Siberia Caribbean Latin_America South_Asia
East_Asia Southeast_Asia Central_Asia West_Asia North_Africa Sub-Saharan Hawaii Wall_Street
Silicon_Valley Downing_Street Capitol_Hill Whitehall Westminster Kremlin Pentagon White_House
Red_Sea Black_Sea South_China_Sea Persian_Gulf Strait Taiwan_Strait Hormuz Suez Panama
Ontario Quebec Alberta British_Columbia Manitoba Saskatchewan Nova_Scotia Queensland
Victoria Tasmania Bavaria Catalonia Lombardy Sicily Sardinia Corsica Normandy Brittany
Wales Scotland England Ireland Northern_Ireland Mainland Irving Clearwater Florida Mecca
""")

# --- words that head organisations, places, events and works (exact case)
ORG_HEADS = _words("""
House Houses Office Ministry Department Agency Authority Bureau Council Committee Commission
Board Party Parliament Senate Congress Assembly Court Courts Tribunal Army Navy Force Forces
Corps Guard Police Service Services Administration Government Cabinet Union League Alliance
Federation Association Society Institute Institution Foundation Trust Fund Bank Group Company
Corporation Corp Inc Ltd LLC PLC Co Holdings Industries Airlines Airways Motors Media News
Times Post Journal Herald Gazette Tribune Telegraph Guardian Express Mail Standard Chronicle
Review Magazine Network Channel Radio Television TV Press Wire Daily Weekly Online University
College School Academy Hospital Clinic Centre Center Museum Gallery Library Theatre Theater
Stadium Arena Park Square Street Road Avenue Lane Bridge Tower Building Hall Palace Castle
Cathedral Church Mosque Temple Synagogue Shrine Station Airport Port Harbour Harbor Base Camp
Prison Jail Island Islands Mountain Mountains Mount River Lake Sea Ocean Gulf Bay Strait
Coast Valley Desert Forest Region Province State States City Town Village County District
Territory Territories Kingdom Republic Emirates Nations Summit Conference Forum Dialogue
Meeting Talks Treaty Accord Agreement Pact Act Bill Law Code Charter Declaration Convention
Protocol Initiative Programme Program Project Plan Mission Operation Campaign Movement
Festival Games Olympics Cup Championship Championships League Tournament Open Series Awards
Award Prize War Wars Crisis Revolution Uprising Massacre Attack Attacks Storm Hurricane
Cyclone Typhoon Earthquake Day Week Month Year Era Age Expo Show Fair Exhibition Market
Markets Exchange Index Street Report Study Survey Review Scheme Policy Strategy Framework
Dialogue Partnership Corridor Route Line Lines Railway Railways Highway Pipeline Project
Studios Studio Records Pictures Films Entertainment Productions Labs Laboratory Laboratories
Systems Technologies Technology Software Solutions Partners Capital Ventures Energy Power
Oil Gas Petroleum Mining Steel Foods Pharma Pharmaceuticals Health Care Insurance Bancorp
Brigade Battalion Regiment Division Command Fleet Squadron Unit Units Council's Ministry's
Party's Government's Department's Chamber Secretariat Directorate Commissionerate Embassy
Consulate Mission Delegation Quartet Bloc Coalition Front Congress Caucus Convention
""")

# --- organisations, movements and groups that are capitalised single words (exact case)
ORG_WORDS = _words("""
Quad Hamas Hezbollah Hizbollah Taliban Houthis Houthi ISIS ISIL IS Daesh Al-Qaeda Qaeda
Boko Haram Wagner Fatah PLO NATO UN UNESCO UNICEF UNHCR UNRWA WHO WTO IMF OPEC ASEAN SAARC
BRICS EU AU G7 G8 G20 SCO OECD Interpol Europol FBI CIA NSA DHS DOJ DOD NASA ESA ISRO DRDO
RAW ISI Mossad KGB FSB MI5 MI6 BJP Congress AAP DMK TMC Labour Tories Tory Democrats
Republicans GOP Likud Kremlin Pentagon Reuters AFP AP PTI ANI IANS Bloomberg CNN BBC NBC CBS
ABC Fox NPR PBS Al-Jazeera Xinhua TASS Yonhap KCNA Kyodo NHK Google Apple Microsoft Amazon
Meta Facebook Twitter Instagram YouTube TikTok WhatsApp Telegram Netflix Tesla SpaceX Boeing
Airbus Samsung Sony Toyota Huawei Alibaba Tencent Uber Wikipedia Wikinews Scientology
Interior Parliament Senate Congress Supreme Vatican Politburo Knesset Duma Lok Sabha Rajya
Bundestag Diet Majlis Shura Sejm Storting Riksdag Folketing Eduskunta Cortes Oireachtas
Dáil Dail Seanad Stormont Holyrood Westminster Whitehall Elysee Élysée Kremlin Zhongnanhai
Internet Web Covid COVID Covid-19 COVID-19 Omicron Delta Brexit Olympics Paralympics
Hajj Haj Islam Muslim Muslims Christian Christians Christianity Hindu Hindus Hinduism
Buddhist Buddhists Buddhism Jewish Jews Judaism Sikh Sikhs Sikhism Catholic Catholics
Protestant Orthodox Sunni Shia Shiite Israeli-Palestinian Israel-Hamas India-US US-India
""")

# --- common words that are capitalised in headlines and titles but are not names (lowercase)
COMMON_WORDS = _words("""
test tests litmus money tips news app apps business movies movie sports sport cricket
shopping ahead latest top world home print article share follow more like this that video
photo photos image images gallery live update updates breaking opinion editorial analysis
explained explainer watch read listen podcast newsletter subscribe sign login register
account free download available privacy terms policy cookie cookies contact advertise
feedback careers investors disclaimer grievances copyright rights reserved menu search
trending popular recommended related stories story stories headline headlines edition
double film films star stars wars war black white red blue green yellow orange purple pink
brown gold golden silver grey gray dark light bright space shuttle cloud clouds grand epic
comic comics high low big small great little old new young good bad best worst last first
next final open close closed true false real fake full empty long short hot cold warm cool
new day days night week weeks month months year years time times hour hours morning evening
man men woman women people person child children boy boys girl girls family families friend
friends team teams player players game games match matches club clubs fan fans party parties
city cities town towns village state states nation nations country countries land lands
world earth sun moon sky sea ocean river lake mountain hill island coast beach forest desert
road street way path bridge gate door window wall house home room hall building tower
office school college university church temple mosque hospital court prison market bank
shop store restaurant hotel bar cafe club station airport port park garden farm field
north south east west northern southern eastern western central middle upper lower inner
outer public private national international global local regional federal royal civil
military political economic social cultural legal medical financial digital human natural
american indian chinese japanese british french german russian european asian african
mr mrs ms dr sir lady lord king queen prince princess president minister secretary
general chief director officer leader head member chairman manager coach captain
doctor who what when where why how which there here they them their this these those
life death love peace hope faith truth power freedom justice liberty victory glory honour
honor pride fear anger joy dream dreams heart soul mind body blood fire water air earth
wind rain snow ice storm thunder lightning rock stone iron steel wood glass paper
book books word words letter letters page pages story song songs music dance art arts
show shows play plays movie picture pictures camera cameras phone phones computer
internet web online digital data network system systems service services plan plans
project projects program programme policy policies report reports study studies survey
research science technology energy climate change power oil gas coal food health care
education security defence defense trade economy market finance tax taxes budget
election elections vote votes campaign campaigns government governments parliament
congress senate council committee commission agency ministry department board
group groups union unions alliance coalition movement movements force forces army navy
police guard guards corps unit units command fleet base bases camp camps
summit meeting meetings talks dialogue conference forum session sessions visit visits
deal deals agreement agreements treaty treaties pact accord law laws act acts bill bills
rule rules order orders right rights case cases trial trials crime crimes attack attacks
strike strikes crisis crises conflict conflicts fight fights battle battles victory defeat
future past present history age era century decade
speaks speak says said talk talks calls call asks ask meets meet holds hold visits visit
arrives arrive came come comes went go goes played play plays thrown throw out expect
help helps want wants need needs make makes take takes give gives get gets keep keeps
who played irrfan attaches assets worth move moves against pro students student talk
decide leave leaves indicated intent punish latest challenge challenges investors
advertise feedback about us grievances bollywood score net more
big new high key major main chief top senior junior former acting interim special
inside outside behind beyond between across around through under over above below
mickey mouse batman superman spider wonder iron captain america widow hulk thor
express times post mail herald tribune journal gazette review standard telegraph guardian
chronicle observer independent mirror sun star daily weekly monthly
""")
