import type { Category } from '../../../shared/domain/masterdata/types.ts';

/**
 * Complaint categories for police references, modelled on the heads IGRS / Jansunwai uses.
 *
 * Deadlines: IGRS gives a police reference 30 days by default, so routine matters (land, traffic, cheating)
 * keep 30. Matters where delay itself causes harm get less: 3 days for a missing person, where the first
 * days decide whether the person is traced; 7 days for violence, threats, offences against women and cyber
 * fraud, where the victim may still be at risk or a bank hold on stolen money lapses; 15 days for theft,
 * online harassment, nuisance and complaints against the police, which need action but rarely within hours.
 */
export const CATEGORIES: readonly Category[] = [
  {
    code: 'land-dispute',
    name: { en: 'Land dispute', hi: 'भूमि विवाद' },
    description: {
      en: 'Encroachment, illegal possession or boundary disputes over land or property.',
      hi: 'भूमि या संपत्ति पर अवैध कब्जा, अतिक्रमण या सीमा संबंधी विवाद।',
    },
    deadlineDays: 30,
  },
  {
    code: 'theft',
    name: { en: 'Theft', hi: 'चोरी' },
    description: {
      en: 'Theft of a vehicle, mobile phone, cattle or other property, or a burglary.',
      hi: 'वाहन, मोबाइल फोन, पशु या अन्य संपत्ति की चोरी अथवा सेंधमारी।',
    },
    deadlineDays: 15,
  },
  {
    code: 'assault-violence',
    name: { en: 'Assault / violence', hi: 'मारपीट / हिंसा' },
    description: {
      en: 'Physical attack, beating or injury caused by another person.',
      hi: 'किसी व्यक्ति द्वारा मारपीट, हमला या चोट पहुँचाना।',
    },
    deadlineDays: 7,
  },
  {
    code: 'threat-intimidation',
    name: { en: 'Threat / intimidation', hi: 'धमकी / डराना' },
    description: {
      en: 'Threats to life or property, extortion or pressure to drop a complaint.',
      hi: 'जान-माल की धमकी, रंगदारी या शिकायत वापस लेने का दबाव।',
    },
    deadlineDays: 7,
  },
  {
    code: 'dowry-domestic-violence',
    name: { en: 'Dowry / domestic violence', hi: 'दहेज / घरेलू हिंसा' },
    description: {
      en: 'Dowry demands, cruelty or violence by a husband or in-laws.',
      hi: 'दहेज की मांग, पति या ससुराल पक्ष द्वारा प्रताड़ना या हिंसा।',
    },
    deadlineDays: 7,
    routeToKind: 'women-help-desk',
  },
  {
    code: 'offences-against-women',
    name: { en: 'Offences against women', hi: 'महिलाओं के विरुद्ध अपराध' },
    description: {
      en: 'Molestation, stalking, eve-teasing or sexual harassment of a woman or girl.',
      hi: 'महिला या बालिका से छेड़छाड़, पीछा करना या यौन उत्पीड़न।',
    },
    deadlineDays: 7,
    routeToKind: 'women-help-desk',
  },
  {
    code: 'cyber-fraud',
    name: { en: 'Cyber fraud', hi: 'साइबर धोखाधड़ी' },
    description: {
      en: 'Money lost through UPI, card, OTP, loan-app or other online fraud.',
      hi: 'यूपीआई, कार्ड, ओटीपी, लोन ऐप या अन्य ऑनलाइन धोखाधड़ी से धनहानि।',
    },
    deadlineDays: 7,
    routeToKind: 'cyber-cell',
  },
  {
    code: 'online-harassment',
    name: { en: 'Online harassment', hi: 'ऑनलाइन उत्पीड़न' },
    description: {
      en: 'Fake profiles, abusive or obscene messages, or blackmail on social media.',
      hi: 'सोशल मीडिया पर फर्जी प्रोफाइल, अभद्र या अश्लील संदेश अथवा ब्लैकमेल।',
    },
    deadlineDays: 15,
    routeToKind: 'cyber-cell',
  },
  {
    code: 'missing-person',
    name: { en: 'Missing person', hi: 'गुमशुदगी' },
    description: {
      en: 'A family member, especially a child, who has gone missing or not returned home.',
      hi: 'परिवार का कोई सदस्य, विशेषकर बच्चा, जो लापता है या घर नहीं लौटा।',
    },
    deadlineDays: 3,
  },
  {
    code: 'police-misconduct',
    name: { en: 'Police inaction / misconduct', hi: 'पुलिस की निष्क्रियता / दुर्व्यवहार' },
    description: {
      en: 'FIR not registered, no action on a complaint, or misbehaviour or bribery by police staff.',
      hi: 'एफआईआर दर्ज न होना, शिकायत पर कार्रवाई न होना, या पुलिसकर्मी द्वारा दुर्व्यवहार या रिश्वत।',
    },
    deadlineDays: 15,
  },
  {
    code: 'traffic',
    name: { en: 'Traffic', hi: 'यातायात' },
    description: {
      en: 'Traffic jams, illegal parking, encroachment on roads or wrongful challans.',
      hi: 'जाम, अवैध पार्किंग, सड़क पर अतिक्रमण या गलत चालान।',
    },
    deadlineDays: 30,
  },
  {
    code: 'noise-public-nuisance',
    name: { en: 'Noise / public nuisance', hi: 'ध्वनि प्रदूषण / सार्वजनिक उपद्रव' },
    description: {
      en: 'Loudspeakers at night, drinking in public, gambling or other nuisance in the neighbourhood.',
      hi: 'रात में लाउडस्पीकर, सार्वजनिक स्थान पर शराब पीना, जुआ या मोहल्ले में अन्य उपद्रव।',
    },
    deadlineDays: 15,
  },
  {
    code: 'fraud-cheating',
    name: { en: 'Fraud / cheating', hi: 'धोखाधड़ी / ठगी' },
    description: {
      en: 'Cheating in money, job, property or business dealings, other than online fraud.',
      hi: 'पैसे, नौकरी, संपत्ति या व्यापार में ठगी (ऑनलाइन धोखाधड़ी के अतिरिक्त)।',
    },
    deadlineDays: 30,
  },
  {
    code: 'other',
    name: { en: 'Other', hi: 'अन्य' },
    description: {
      en: 'Any other matter for the police that fits none of the categories above.',
      hi: 'पुलिस से संबंधित कोई अन्य मामला जो उपरोक्त श्रेणियों में न आता हो।',
    },
    deadlineDays: 30,
  },
];
