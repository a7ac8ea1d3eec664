// De juridische teksten in het Nederlands (de leidende versie). Wijzig je de
// verwerkersovereenkomst, verhoog dan DPA_VERSION in lib/legal/dpa.ts.
import type { LegalDocument, LegalFacts, LegalKind } from "./types";

function subprocessors(f: LegalFacts): string[] {
  return [
    "Hosting en database: een cloudleverancier met datacenters in de Europese Economische Ruimte (EER), waar de dienst draait en alle gegevens worden opgeslagen en geback-upt.",
    "E-mailverzending: een leverancier die onze e-mails aflevert (bijvoorbeeld een link om je wachtwoord te herstellen, of een melding aan een klant dat er al een kaart bij zijn e-mailadres hoort).",
    "Apple (Apple Wallet): een kaart die een klant aan Apple Wallet toevoegt, staat op diens toestel. Voor updates sturen we via de Apple Push Notification service alleen een technisch apparaattoken; Apple haalt de bijgewerkte kaart daarna bij ons op.",
    "Google (Google Wallet): een kaart die een klant aan Google Wallet toevoegt, slaan we op bij Google met de gegevens die op de kaart staan (de naam van de zaak, de stempels en de naam van de klant).",
    `Betaalprovider (zodra je een abonnement afsluit): verwerkt de betaling van je abonnement met iDEAL of SEPA-incasso. ${f.company} slaat zelf geen volledige rekening- of kaartgegevens op.`,
  ];
}

function privacy(f: LegalFacts): LegalDocument {
  return {
    title: "Privacyverklaring",
    intro: [
      `${f.company} is een dienst voor digitale spaarkaarten voor cafés, bakkers, lunchrooms en andere zaken. In deze verklaring lees je welke persoonsgegevens we verwerken, waarom, hoe lang we ze bewaren en welke rechten je hebt.`,
      `We hebben twee rollen. Voor de gegevens van ondernemers die een account hebben (en hun teamleden) en voor bezoekers van onze website zijn wij verwerkingsverantwoordelijke. Voor de gegevens van de klanten van die ondernemers (de mensen die een spaarkaart hebben) is de ondernemer verantwoordelijk en zijn wij verwerker: we verwerken die gegevens alleen in opdracht van de ondernemer, volgens de verwerkersovereenkomst.`,
    ],
    sections: [
      {
        heading: "Welke gegevens we verwerken",
        body: [
          "Van ondernemers en teamleden:",
          {
            list: [
              "naam, e-mailadres en wachtwoord (dat we alleen als onomkeerbare hash opslaan);",
              "de naam en het adres van de zaak en de vestigingen;",
              "rol in het team, een eventuele pincode voor de stempeltablet (ook alleen als hash) en welke stempels en beloningen iemand heeft verwerkt;",
              "taal, inlogmomenten en het IP-adres bij inloggen en aanmelden, om misbruik te voorkomen;",
              "zodra er een abonnement is: factuurgegevens zoals bedrijfsnaam, adres en btw-nummer.",
            ],
          },
          "Van klanten van ondernemers (in opdracht van die ondernemer):",
          {
            list: [
              "naam, en alleen als de ondernemer daarom vraagt: e-mailadres, telefoonnummer en verjaardag;",
              "of en wanneer de klant heeft ingestemd met de voorwaarden en met berichten van de zaak;",
              "de spaarkaart: stempels, beloningen, wanneer en bij welke vestiging ze zijn gegeven, en waar de klant zich aanmeldde (bijvoorbeeld de poster of de website);",
              "voor kaarten in Apple Wallet of Google Wallet: technische kenmerken van het toestel (een apparaattoken) om de kaart bij te werken.",
            ],
          },
          "We gebruiken geen advertentie- of trackingcookies en verkopen geen gegevens.",
        ],
      },
      {
        heading: "Waarvoor en op welke grondslag",
        body: [
          {
            list: [
              "Om de dienst te leveren: je account, je spaarkaarten, de stempeltablet, de kaarten in de wallet en de berichten die je verstuurt. Grondslag: de uitvoering van de overeenkomst met de ondernemer.",
              "Om de dienst en onze gebruikers te beveiligen en fraude te voorkomen, bijvoorbeeld door pogingen om in te loggen te beperken. Grondslag: ons gerechtvaardigd belang bij een veilige dienst.",
              "Om je te informeren over je account, je proefperiode en wijzigingen in de dienst. Grondslag: de uitvoering van de overeenkomst.",
              "Om facturen te maken en te bewaren. Grondslag: een wettelijke plicht (de fiscale bewaarplicht).",
            ],
          },
          "Gegevens van klanten van ondernemers gebruiken we alleen voor de spaarkaart van die ondernemer, nooit voor onszelf en nooit voor een andere zaak. De gegevens van elke zaak zijn in de database afgeschermd van alle andere zaken.",
        ],
      },
      {
        heading: "Hoe lang we gegevens bewaren",
        body: [
          {
            list: [
              "Accountgegevens: zolang je account bestaat. Na het opzeggen kun je drie maanden lang je gegevens nog exporteren; daarna verwijderen we ze.",
              "Gegevens van klanten van een ondernemer: zolang de ondernemer ze bewaart, uiterlijk tot drie maanden na het einde van diens abonnement. Een klant kan zijn gegevens op elk moment zelf verwijderen via de eigen kaartpagina.",
              "Facturen en de gegevens daarop: zeven jaar, zoals de belastingwet voorschrijft.",
              "Links om een wachtwoord te herstellen zijn een uur geldig; tellers tegen misbruik gelden voor minuten tot uren; technische logboeken bewaren we hooguit 30 dagen.",
            ],
          },
        ],
      },
      {
        heading: "Met wie we gegevens delen",
        body: [
          "We schakelen de volgende soorten subverwerkers in. Met elk van hen hebben we afspraken die de gegevens beschermen zoals de AVG vraagt.",
          { list: subprocessors(f) },
          "Apple en Google kunnen gegevens buiten de EER verwerken, in de Verenigde Staten. Dat gebeurt op basis van het EU-VS Data Privacy Framework of de standaardcontractbepalingen van de Europese Commissie. Verder delen we gegevens alleen als de wet ons daartoe verplicht.",
        ],
      },
      {
        heading: "Beveiliging",
        body: [
          {
            list: [
              "Alle verbindingen zijn versleuteld (HTTPS).",
              "Wachtwoorden, pincodes en geheime links slaan we alleen als hash op.",
              "De database zelf houdt de gegevens van elke zaak gescheiden: een zaak kan nooit gegevens van een andere zaak zien.",
              "Alleen wie het voor zijn werk nodig heeft, heeft toegang tot productiesystemen.",
            ],
          },
        ],
      },
      {
        heading: "Cookies",
        body: [
          "We plaatsen alleen cookies die nodig zijn om de dienst te laten werken: een cookie dat je ingelogd houdt, een cookie met je taalkeuze en een cookie met de zaak die je in het dashboard hebt gekozen. Daarvoor is geen toestemming nodig. We gebruiken geen cookies voor statistieken of advertenties.",
        ],
      },
      {
        heading: "Je rechten",
        body: [
          "Je hebt het recht om je gegevens in te zien, te laten verbeteren of verwijderen, de verwerking te laten beperken, bezwaar te maken en je gegevens mee te nemen (dataportabiliteit). Toestemming kun je altijd intrekken.",
          `Ben je ondernemer of teamlid? Mail ons op ${f.privacyEmail}. We antwoorden binnen een maand.`,
          `Heb je een spaarkaart bij een zaak? Op je eigen kaartpagina kun je je gegevens zelf bekijken, downloaden en verwijderen, en je toestemming voor berichten intrekken. Voor andere vragen is de zaak je aanspreekpunt: het e-mailadres voor privacyvragen staat op het aanmeldformulier en op je kaart. Mail je ons, dan sturen we je verzoek door naar de zaak.`,
          "Ben je het niet eens met hoe we met je gegevens omgaan? Dan kun je een klacht indienen bij de Autoriteit Persoonsgegevens (autoriteitpersoonsgegevens.nl).",
        ],
      },
      {
        heading: "Wijzigingen en contact",
        body: [
          `Als we deze verklaring wijzigen, passen we de datum bovenaan aan; bij belangrijke wijzigingen laten we het ondernemers vooraf weten. Vragen? Mail ${f.privacyEmail}.${f.registration ? ` ${f.company}, ${f.registration}.` : ""}`,
        ],
      },
    ],
  };
}

function terms(f: LegalFacts): LegalDocument {
  return {
    title: "Algemene voorwaarden",
    intro: [
      `Deze voorwaarden gelden voor het gebruik van ${f.company} door ondernemers. ${f.company} is een dienst voor bedrijven; consumentenrecht is niet van toepassing. Met het aanmaken van een account ga je met deze voorwaarden akkoord.`,
    ],
    sections: [
      {
        heading: "1. Begrippen",
        body: [
          {
            list: [
              `${f.company}: de aanbieder van de dienst, en wij.`,
              "Ondernemer: de zaak die een account aanmaakt, en jij.",
              "Klanten: de mensen die bij de ondernemer een spaarkaart hebben.",
              "Dienst: het dashboard, de spaarkaarten (web, Apple Wallet en Google Wallet), de stempeltablet en alles wat daarbij hoort.",
            ],
          },
        ],
      },
      {
        heading: "2. Proefperiode en abonnement",
        body: [
          `Je begint met een gratis proefperiode van ${f.trialDays} dagen, zonder betaalgegevens. Wil je daarna doorgaan, dan kies je een abonnement. Kies je er geen, dan kun je je gegevens nog drie maanden exporteren.`,
          "Een abonnement loopt per maand of per jaar en wordt steeds stilzwijgend met dezelfde periode verlengd. Je kunt op elk moment opzeggen tegen het einde van de lopende periode. Je kunt op elk moment een hoger abonnement kiezen; het verschil rekenen we naar rato af.",
        ],
      },
      {
        heading: "3. Prijzen en betaling",
        body: [
          "De prijzen staan op de prijzenpagina en zijn exclusief btw. We factureren vooraf per maand of per jaar; betalen kan met iDEAL of SEPA-incasso.",
          "Wijzigen we de prijzen, dan laten we je dat minstens 30 dagen vooraf weten. Je kunt dan opzeggen tegen de datum waarop de nieuwe prijs ingaat.",
          "Betaal je niet op tijd, dan sturen we een herinnering. Blijft betaling uit, dan mogen we de dienst na 14 dagen opschorten tot er betaald is.",
        ],
      },
      {
        heading: "4. Jouw verantwoordelijkheden",
        body: [
          {
            list: [
              "Je bepaalt zelf je spaarkaarten en beloningen, en je komt beloningen na die klanten hebben gespaard.",
              "Je gebruikt de dienst volgens de wet, en stuurt alleen berichten aan klanten die daarvoor toestemming hebben gegeven.",
              "Je houdt inloggegevens en pincodes geheim en bent verantwoordelijk voor wat je teamleden met hun toegang doen.",
              "Je geeft klanten duidelijke informatie over hoe je hun gegevens gebruikt, en vult het e-mailadres voor privacyvragen in.",
            ],
          },
        ],
      },
      {
        heading: "5. Beschikbaarheid",
        body: [
          `We doen ons best om de dienst altijd beschikbaar te houden en kondigen gepland onderhoud vooraf aan. De stempeltablet blijft werken als de verbinding even wegvalt en verwerkt de stempels zodra die terug is. Apple Wallet en Google Wallet zijn diensten van Apple en Google; voor hun beschikbaarheid staat ${f.company} niet in.`,
        ],
      },
      {
        heading: "6. Gegevens en privacy",
        body: [
          `Voor de gegevens van je klanten ben jij verwerkingsverantwoordelijke en is ${f.company} verwerker. De verwerkersovereenkomst, die je bij het aanmaken van je account accepteert, hoort bij deze voorwaarden. De gegevens van jouw zaak blijven van jou: je kunt ze altijd exporteren.`,
        ],
      },
      {
        heading: "7. Intellectueel eigendom",
        body: [
          `De software en alles wat ${f.company} daarvoor maakt, blijven van ${f.company}. Je logo, teksten en afbeeldingen blijven van jou; je geeft ons toestemming ze te gebruiken om je spaarkaarten en je aanmeldpagina te tonen.`,
        ],
      },
      {
        heading: "8. Aansprakelijkheid",
        body: [
          `De aansprakelijkheid van ${f.company} is beperkt tot directe schade en tot het bedrag dat je in de twaalf maanden voor de schade aan ${f.company} hebt betaald. ${f.company} is niet aansprakelijk voor indirecte schade, zoals gederfde omzet of winst. Deze beperkingen gelden niet bij opzet of bewuste roekeloosheid.`,
        ],
      },
      {
        heading: "9. Einde van de overeenkomst",
        body: [
          "Na het einde van je abonnement kun je drie maanden lang je gegevens exporteren. Daarna verwijderen we alle gegevens van je zaak en je klanten, behalve wat we volgens de wet moeten bewaren (zoals facturen).",
          `${f.company} mag de overeenkomst beëindigen of de dienst opschorten als je deze voorwaarden ernstig schendt, bijvoorbeeld bij misbruik of fraude.`,
        ],
      },
      {
        heading: "10. Wijzigingen",
        body: [
          "We kunnen deze voorwaarden wijzigen. Belangrijke wijzigingen melden we minstens 30 dagen vooraf; ben je het er niet mee eens, dan kun je opzeggen tegen de ingangsdatum.",
        ],
      },
      {
        heading: "11. Toepasselijk recht",
        body: [
          `Op deze voorwaarden is Nederlands recht van toepassing. Geschillen leggen we voor aan de bevoegde rechter in het arrondissement waar ${f.company} is gevestigd. Vragen? Mail ${f.supportEmail}.${f.registration ? ` ${f.company}, ${f.registration}.` : ""}`,
        ],
      },
    ],
  };
}

function dpa(f: LegalFacts): LegalDocument {
  return {
    title: "Verwerkersovereenkomst",
    intro: [
      `Deze verwerkersovereenkomst (artikel 28 AVG) geldt tussen de ondernemer die een account bij ${f.company} aanmaakt (de verwerkingsverantwoordelijke, hierna: de ondernemer) en ${f.company} (de verwerker). De ondernemer accepteert haar bij het aanmaken van het account; bij een nieuwe versie vragen we het opnieuw. Ze hoort bij de algemene voorwaarden.`,
    ],
    sections: [
      {
        heading: "1. Onderwerp, duur en doel",
        body: [
          `${f.company} verwerkt persoonsgegevens om de spaarkaarten van de ondernemer te laten werken: klanten aanmelden, kaarten bijhouden en tonen (op het web, in Apple Wallet en in Google Wallet), stempelen en beloningen inwisselen, berichten van de ondernemer bezorgen en de ondernemer inzicht geven in zijn klanten. De overeenkomst loopt zolang de ondernemer de dienst gebruikt, en daarna tot alle gegevens zijn verwijderd of teruggegeven.`,
        ],
      },
      {
        heading: "2. Betrokkenen en gegevens",
        body: [
          {
            list: [
              "Klanten van de ondernemer: naam; e-mailadres, telefoonnummer en verjaardag als de ondernemer daarom vraagt; toestemmingen en wanneer die zijn gegeven; de kaart met stempels, beloningen, tijdstippen en vestigingen; de herkomst van de aanmelding; apparaattokens voor kaarten in de wallet.",
              "Teamleden van de ondernemer: naam, e-mailadres, rol, pincode (als hash) en de handelingen die ze in de dienst verrichten.",
            ],
          },
          "Bijzondere persoonsgegevens zijn niet nodig voor de dienst; de ondernemer vraagt er niet om.",
        ],
      },
      {
        heading: "3. Instructies",
        body: [
          `${f.company} verwerkt de gegevens alleen volgens de schriftelijke instructies van de ondernemer. Die instructies zijn deze overeenkomst en de keuzes die de ondernemer in de dienst maakt (bijvoorbeeld welke velden het aanmeldformulier vraagt en welke berichten hij verstuurt). ${f.company} gebruikt de gegevens nooit voor eigen doeleinden. Vindt ${f.company} dat een instructie in strijd is met de wet, dan meldt ${f.company} dat direct.`,
        ],
      },
      {
        heading: "4. Geheimhouding",
        body: [
          `Iedereen die bij ${f.company} toegang heeft tot de gegevens, is tot geheimhouding verplicht en heeft alleen toegang voor zover het werk dat vraagt.`,
        ],
      },
      {
        heading: "5. Beveiliging",
        body: [
          `${f.company} neemt passende technische en organisatorische maatregelen (artikel 32 AVG), waaronder:`,
          {
            list: [
              "versleutelde verbindingen (HTTPS) voor al het verkeer;",
              "afscherming van de gegevens van elke ondernemer in de database zelf (row-level security): een zaak kan geen gegevens van een andere zaak lezen of wijzigen;",
              "wachtwoorden, pincodes en geheime links alleen als hash opgeslagen;",
              "beperking van inlogpogingen, een logboek van elke stempel en beloning, en toegang tot productiesystemen alleen voor wie dat nodig heeft;",
              "regelmatige back-ups binnen de EER.",
            ],
          },
        ],
      },
      {
        heading: "6. Subverwerkers",
        body: [
          `De ondernemer geeft ${f.company} algemene toestemming om de volgende soorten subverwerkers in te schakelen:`,
          { list: subprocessors(f) },
          `${f.company} legt hun dezelfde verplichtingen op als in deze overeenkomst en blijft tegenover de ondernemer verantwoordelijk. Een nieuwe of andere subverwerker meldt ${f.company} minstens 30 dagen vooraf; de ondernemer kan daartegen bezwaar maken en, als er geen oplossing is, de overeenkomst opzeggen.`,
        ],
      },
      {
        heading: "7. Doorgifte buiten de EER",
        body: [
          `${f.company} slaat de gegevens op in de EER. Doorgifte daarbuiten (aan Apple of Google, als een klant zelf een kaart aan diens wallet toevoegt) gebeurt alleen met passende waarborgen, zoals het EU-VS Data Privacy Framework of de standaardcontractbepalingen.`,
        ],
      },
      {
        heading: "8. Hulp bij de rechten van betrokkenen",
        body: [
          `Klanten kunnen hun gegevens op hun eigen kaartpagina bekijken, downloaden en verwijderen en hun toestemming intrekken. Komt er bij ${f.company} een ander verzoek binnen, dan stuurt ${f.company} dat zonder onnodige vertraging door naar de ondernemer. ${f.company} helpt de ondernemer verder, waar redelijk, bij verzoeken van betrokkenen, een gegevensbeschermingseffectbeoordeling (DPIA) en een voorafgaande raadpleging van de Autoriteit Persoonsgegevens.`,
        ],
      },
      {
        heading: "9. Datalekken",
        body: [
          `${f.company} meldt een inbreuk in verband met persoonsgegevens zonder onnodige vertraging en uiterlijk binnen 48 uur na ontdekking aan de ondernemer, met wat er bekend is: de aard van de inbreuk, de betrokken gegevens en personen, de waarschijnlijke gevolgen en de genomen maatregelen. De ondernemer beslist of hij het lek meldt bij de Autoriteit Persoonsgegevens en de betrokkenen; ${f.company} helpt daarbij.`,
        ],
      },
      {
        heading: "10. Controle",
        body: [
          `${f.company} geeft de ondernemer alle informatie die nodig is om aan te tonen dat deze overeenkomst wordt nageleefd. De ondernemer mag dat eens per jaar laten controleren door een onafhankelijke deskundige, na een aankondiging van 30 dagen en op eigen kosten, zonder de dienst voor anderen te verstoren.`,
        ],
      },
      {
        heading: "11. Einde van de overeenkomst",
        body: [
          `Na het einde van het abonnement kan de ondernemer de gegevens drie maanden lang exporteren. Daarna verwijdert ${f.company} alle persoonsgegevens die het voor de ondernemer verwerkt, ook uit back-ups binnen hun gewone cyclus, tenzij de wet bewaren verplicht.`,
        ],
      },
      {
        heading: "12. Aansprakelijkheid en rangorde",
        body: [
          `Voor aansprakelijkheid gelden de algemene voorwaarden. Spreken deze overeenkomst en de algemene voorwaarden elkaar tegen over de verwerking van persoonsgegevens, dan gaat deze overeenkomst voor. Vragen? Mail ${f.privacyEmail}.${f.registration ? ` ${f.company}, ${f.registration}.` : ""}`,
        ],
      },
    ],
  };
}

export const NL: Record<LegalKind, (f: LegalFacts) => LegalDocument> = { privacy, terms, dpa };
