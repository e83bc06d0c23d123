/**
 * Every Arabic-script letter that is a variant of one of the 28 letters of the Arabic
 * alphabet, folded onto that letter for name search. Persian, Urdu, Kurdish, Pashto and
 * Sindhi keyboards type their own forms of shared letters — heh doachashmee ھ and heh goal
 * ہ for ه, Farsi yeh ی for ي, keheh ک for ك, Kurdish ae ە for ه — so `السوسھ` typed on an
 * Urdu keyboard must find `السوسة`. Letters for sounds Arabic lacks (peh پ, tcheh چ, jeh ژ,
 * veh ڤ, gaf گ) fold onto the Arabic letter whose shape they extend (ب ج ز ف ك), the way
 * Arabic writers spell those sounds in names (ڤ/ف, گ/ك).
 *
 * The table covers every letter (general category Lo) of Unicode's Arabic (U+0600–U+06FF),
 * Arabic Supplement (U+0750–U+077F) and Arabic Extended-B/-A (U+0870–U+08FF) blocks, and the letters Unicode 16 and 17 added
 * in Arabic Extended-C. It was
 * derived from the Unicode character names: "ARABIC LETTER <BASE> WITH <marks>" folds onto
 * <BASE>, and each letter named after its own sound (PEH, TCHEH, GAF, HEH GOAL, YEH BARREE,
 * …) onto the Arabic letter it is drawn from. Teh marbuta folds onto heh and alef maksura
 * onto yeh (writers swap them freely); a bare hamza, and tatweel-like signs, fold to
 * nothing. Arabic Presentation Forms need no entries: NFKD maps them to these letters first.
 * `test/unit/arabicLetterVariants.test.ts` checks that every Arabic-script letter Node's
 * Unicode data knows folds into the Arabic alphabet, so a new Unicode version cannot slip by.
 */
const ENTRIES: readonly (readonly [codePoint: number, folded: string])[] = [
  [0x0620, 'ي'], // Kashmiri Yeh
  [0x0621, ''], // Hamza
  [0x0622, 'ا'], // Alef With Madda Above
  [0x0623, 'ا'], // Alef With Hamza Above
  [0x0624, 'و'], // Waw With Hamza Above
  [0x0625, 'ا'], // Alef With Hamza Below
  [0x0626, 'ي'], // Yeh With Hamza Above
  [0x0629, 'ه'], // Teh Marbuta
  [0x063b, 'ك'], // Keheh With Two Dots Above
  [0x063c, 'ك'], // Keheh With Three Dots Below
  [0x063d, 'ي'], // Farsi Yeh With Inverted V
  [0x063e, 'ي'], // Farsi Yeh With Two Dots Above
  [0x063f, 'ي'], // Farsi Yeh With Three Dots Above
  [0x0649, 'ي'], // Alef Maksura
  [0x066e, 'ب'], // Dotless Beh
  [0x066f, 'ق'], // Dotless Qaf
  [0x0671, 'ا'], // Alef Wasla
  [0x0672, 'ا'], // Alef With Wavy Hamza Above
  [0x0673, 'ا'], // Alef With Wavy Hamza Below
  [0x0674, ''], // High Hamza
  [0x0675, 'ا'], // High Hamza Alef
  [0x0676, 'و'], // High Hamza Waw
  [0x0677, 'و'], // U With Hamza Above
  [0x0678, 'ي'], // High Hamza Yeh
  [0x0679, 'ت'], // Tteh
  [0x067a, 'ت'], // Tteheh
  [0x067b, 'ب'], // Beeh
  [0x067c, 'ت'], // Teh With Ring
  [0x067d, 'ت'], // Teh With Three Dots Above Downwards
  [0x067e, 'ب'], // Peh
  [0x067f, 'ت'], // Teheh
  [0x0680, 'ب'], // Beheh
  [0x0681, 'ح'], // Hah With Hamza Above
  [0x0682, 'ح'], // Hah With Two Dots Vertical Above
  [0x0683, 'ج'], // Nyeh
  [0x0684, 'ج'], // Dyeh
  [0x0685, 'ح'], // Hah With Three Dots Above
  [0x0686, 'ج'], // Tcheh
  [0x0687, 'ج'], // Tcheheh
  [0x0688, 'د'], // Ddal
  [0x0689, 'د'], // Dal With Ring
  [0x068a, 'د'], // Dal With Dot Below
  [0x068b, 'د'], // Dal With Dot Below And Small Tah
  [0x068c, 'د'], // Dahal
  [0x068d, 'د'], // Ddahal
  [0x068e, 'د'], // Dul
  [0x068f, 'د'], // Dal With Three Dots Above Downwards
  [0x0690, 'د'], // Dal With Four Dots Above
  [0x0691, 'ر'], // Rreh
  [0x0692, 'ر'], // Reh With Small V
  [0x0693, 'ر'], // Reh With Ring
  [0x0694, 'ر'], // Reh With Dot Below
  [0x0695, 'ر'], // Reh With Small V Below
  [0x0696, 'ر'], // Reh With Dot Below And Dot Above
  [0x0697, 'ر'], // Reh With Two Dots Above
  [0x0698, 'ز'], // Jeh
  [0x0699, 'ر'], // Reh With Four Dots Above
  [0x069a, 'س'], // Seen With Dot Below And Dot Above
  [0x069b, 'س'], // Seen With Three Dots Below
  [0x069c, 'س'], // Seen With Three Dots Below And Three Dots Above
  [0x069d, 'ص'], // Sad With Two Dots Below
  [0x069e, 'ص'], // Sad With Three Dots Above
  [0x069f, 'ط'], // Tah With Three Dots Above
  [0x06a0, 'ع'], // Ain With Three Dots Above
  [0x06a1, 'ف'], // Dotless Feh
  [0x06a2, 'ف'], // Feh With Dot Moved Below
  [0x06a3, 'ف'], // Feh With Dot Below
  [0x06a4, 'ف'], // Veh
  [0x06a5, 'ف'], // Feh With Three Dots Below
  [0x06a6, 'ف'], // Peheh
  [0x06a7, 'ق'], // Qaf With Dot Above
  [0x06a8, 'ق'], // Qaf With Three Dots Above
  [0x06a9, 'ك'], // Keheh
  [0x06aa, 'ك'], // Swash Kaf
  [0x06ab, 'ك'], // Kaf With Ring
  [0x06ac, 'ك'], // Kaf With Dot Above
  [0x06ad, 'ك'], // Ng
  [0x06ae, 'ك'], // Kaf With Three Dots Below
  [0x06af, 'ك'], // Gaf
  [0x06b0, 'ك'], // Gaf With Ring
  [0x06b1, 'ك'], // Ngoeh
  [0x06b2, 'ك'], // Gaf With Two Dots Below
  [0x06b3, 'ك'], // Gueh
  [0x06b4, 'ك'], // Gaf With Three Dots Above
  [0x06b5, 'ل'], // Lam With Small V
  [0x06b6, 'ل'], // Lam With Dot Above
  [0x06b7, 'ل'], // Lam With Three Dots Above
  [0x06b8, 'ل'], // Lam With Three Dots Below
  [0x06b9, 'ن'], // Noon With Dot Below
  [0x06ba, 'ن'], // Noon Ghunna
  [0x06bb, 'ن'], // Rnoon
  [0x06bc, 'ن'], // Noon With Ring
  [0x06bd, 'ن'], // Noon With Three Dots Above
  [0x06be, 'ه'], // Heh Doachashmee
  [0x06bf, 'ج'], // Tcheh With Dot Above
  [0x06c0, 'ه'], // Heh With Yeh Above
  [0x06c1, 'ه'], // Heh Goal
  [0x06c2, 'ه'], // Heh Goal With Hamza Above
  [0x06c3, 'ه'], // Teh Marbuta Goal
  [0x06c4, 'و'], // Waw With Ring
  [0x06c5, 'و'], // Kirghiz Oe
  [0x06c6, 'و'], // Oe
  [0x06c7, 'و'], // U
  [0x06c8, 'و'], // Yu
  [0x06c9, 'و'], // Kirghiz Yu
  [0x06ca, 'و'], // Waw With Two Dots Above
  [0x06cb, 'و'], // Ve
  [0x06cc, 'ي'], // Farsi Yeh
  [0x06cd, 'ي'], // Yeh With Tail
  [0x06ce, 'ي'], // Yeh With Small V
  [0x06cf, 'و'], // Waw With Dot Above
  [0x06d0, 'ي'], // E
  [0x06d1, 'ي'], // Yeh With Three Dots Below
  [0x06d2, 'ي'], // Yeh Barree
  [0x06d3, 'ي'], // Yeh Barree With Hamza Above
  [0x06d5, 'ه'], // Ae
  [0x06ee, 'د'], // Dal With Inverted V
  [0x06ef, 'ر'], // Reh With Inverted V
  [0x06fa, 'ش'], // Sheen With Dot Below
  [0x06fb, 'ض'], // Dad With Dot Below
  [0x06fc, 'غ'], // Ghain With Dot Below
  [0x06ff, 'ه'], // Heh With Inverted V
  [0x0750, 'ب'], // Beh With Three Dots Horizontally Below
  [0x0751, 'ب'], // Beh With Dot Below And Three Dots Above
  [0x0752, 'ب'], // Beh With Three Dots Pointing Upwards Below
  [0x0753, 'ب'], // Beh With Three Dots Pointing Upwards Below And Two Dots Above
  [0x0754, 'ب'], // Beh With Two Dots Below And Dot Above
  [0x0755, 'ب'], // Beh With Inverted Small V Below
  [0x0756, 'ب'], // Beh With Small V
  [0x0757, 'ح'], // Hah With Two Dots Above
  [0x0758, 'ح'], // Hah With Three Dots Pointing Upwards Below
  [0x0759, 'د'], // Dal With Two Dots Vertically Below And Small Tah
  [0x075a, 'د'], // Dal With Inverted Small V Below
  [0x075b, 'ر'], // Reh With Stroke
  [0x075c, 'س'], // Seen With Four Dots Above
  [0x075d, 'ع'], // Ain With Two Dots Above
  [0x075e, 'ع'], // Ain With Three Dots Pointing Downwards Above
  [0x075f, 'ع'], // Ain With Two Dots Vertically Above
  [0x0760, 'ف'], // Feh With Two Dots Below
  [0x0761, 'ف'], // Feh With Three Dots Pointing Upwards Below
  [0x0762, 'ك'], // Keheh With Dot Above
  [0x0763, 'ك'], // Keheh With Three Dots Above
  [0x0764, 'ك'], // Keheh With Three Dots Pointing Upwards Below
  [0x0765, 'م'], // Meem With Dot Above
  [0x0766, 'م'], // Meem With Dot Below
  [0x0767, 'ن'], // Noon With Two Dots Below
  [0x0768, 'ن'], // Noon With Small Tah
  [0x0769, 'ن'], // Noon With Small V
  [0x076a, 'ل'], // Lam With Bar
  [0x076b, 'ر'], // Reh With Two Dots Vertically Above
  [0x076c, 'ر'], // Reh With Hamza Above
  [0x076d, 'س'], // Seen With Two Dots Vertically Above
  [0x076e, 'ح'], // Hah With Small Arabic Letter Tah Below
  [0x076f, 'ح'], // Hah With Small Arabic Letter Tah And Two Dots
  [0x0770, 'س'], // Seen With Small Arabic Letter Tah And Two Dots
  [0x0771, 'ر'], // Reh With Small Arabic Letter Tah And Two Dots
  [0x0772, 'ح'], // Hah With Small Arabic Letter Tah Above
  [0x0773, 'ا'], // Alef With Extended Arabic-Indic Digit Two Above
  [0x0774, 'ا'], // Alef With Extended Arabic-Indic Digit Three Above
  [0x0775, 'ي'], // Farsi Yeh With Extended Arabic-Indic Digit Two Above
  [0x0776, 'ي'], // Farsi Yeh With Extended Arabic-Indic Digit Three Above
  [0x0777, 'ي'], // Farsi Yeh With Extended Arabic-Indic Digit Four Below
  [0x0778, 'و'], // Waw With Extended Arabic-Indic Digit Two Above
  [0x0779, 'و'], // Waw With Extended Arabic-Indic Digit Three Above
  [0x077a, 'ي'], // Yeh Barree With Extended Arabic-Indic Digit Two Above
  [0x077b, 'ي'], // Yeh Barree With Extended Arabic-Indic Digit Three Above
  [0x077c, 'ح'], // Hah With Extended Arabic-Indic Digit Four Below
  [0x077d, 'س'], // Seen With Extended Arabic-Indic Digit Four Above
  [0x077e, 'س'], // Seen With Inverted V
  [0x077f, 'ك'], // Kaf With Two Dots Above
  [0x0870, 'ا'], // Alef With Attached Fatha
  [0x0871, 'ا'], // Alef With Attached Top Right Fatha
  [0x0872, 'ا'], // Alef With Right Middle Stroke
  [0x0873, 'ا'], // Alef With Left Middle Stroke
  [0x0874, 'ا'], // Alef With Attached Kasra
  [0x0875, 'ا'], // Alef With Attached Bottom Right Kasra
  [0x0876, 'ا'], // Alef With Attached Round Dot Above
  [0x0877, 'ا'], // Alef With Attached Right Round Dot
  [0x0878, 'ا'], // Alef With Attached Left Round Dot
  [0x0879, 'ا'], // Alef With Attached Round Dot Below
  [0x087a, 'ا'], // Alef With Dot Above
  [0x087b, 'ا'], // Alef With Attached Top Right Fatha And Dot Above
  [0x087c, 'ا'], // Alef With Right Middle Stroke And Dot Above
  [0x087d, 'ا'], // Alef With Attached Bottom Right Kasra And Dot Above
  [0x087e, 'ا'], // Alef With Attached Top Right Fatha And Left Ring
  [0x087f, 'ا'], // Alef With Right Middle Stroke And Left Ring
  [0x0880, 'ا'], // Alef With Attached Bottom Right Kasra And Left Ring
  [0x0881, 'ا'], // Alef With Attached Right Hamza
  [0x0882, 'ا'], // Alef With Attached Left Hamza
  [0x0883, ''], // Tatweel With Overstruck Hamza
  [0x0884, ''], // Tatweel With Overstruck Waw
  [0x0885, ''], // Tatweel With Two Dots Below
  [0x0886, 'ي'], // Thin Yeh
  [0x0887, ''], // Baseline Round Dot
  [0x0889, 'ن'], // Noon With Inverted Small V
  [0x088a, 'ح'], // Hah With Inverted Small V Below
  [0x088b, 'ط'], // Tah With Dot Below
  [0x088c, 'ط'], // Tah With Three Dots Below
  [0x088d, 'ك'], // Keheh With Two Dots Vertically Below
  [0x088e, ''], // Vertical Tail
  [0x088f, 'ن'], // Noon With Ring Above (Unicode 17)
  [0x08a0, 'ب'], // Beh With Small V Below
  [0x08a1, 'ب'], // Beh With Hamza Above
  [0x08a2, 'ج'], // Jeem With Two Dots Above
  [0x08a3, 'ط'], // Tah With Two Dots Above
  [0x08a4, 'ف'], // Feh With Dot Below And Three Dots Above
  [0x08a5, 'ق'], // Qaf With Dot Below
  [0x08a6, 'ل'], // Lam With Double Bar
  [0x08a7, 'م'], // Meem With Three Dots Above
  [0x08a8, 'ي'], // Yeh With Two Dots Below And Hamza Above
  [0x08a9, 'ي'], // Yeh With Two Dots Below And Dot Above
  [0x08aa, 'ر'], // Reh With Loop
  [0x08ab, 'و'], // Waw With Dot Within
  [0x08ac, 'ي'], // Rohingya Yeh
  [0x08ad, 'ا'], // Low Alef
  [0x08ae, 'د'], // Dal With Three Dots Below
  [0x08af, 'ص'], // Sad With Three Dots Below
  [0x08b0, 'ك'], // Gaf With Inverted Stroke
  [0x08b1, 'و'], // Straight Waw
  [0x08b2, 'ز'], // Zain With Inverted V Above
  [0x08b3, 'ع'], // Ain With Three Dots Below
  [0x08b4, 'ك'], // Kaf With Dot Below
  [0x08b5, 'ق'], // Qaf With Dot Below And No Dots Above
  [0x08b6, 'ب'], // Beh With Small Meem Above
  [0x08b7, 'ب'], // Peh With Small Meem Above
  [0x08b8, 'ت'], // Teh With Small Teh Above
  [0x08b9, 'ر'], // Reh With Small Noon Above
  [0x08ba, 'ي'], // Yeh With Two Dots Below And Small Noon Above
  [0x08bb, 'ف'], // African Feh
  [0x08bc, 'ق'], // African Qaf
  [0x08bd, 'ن'], // African Noon
  [0x08be, 'ب'], // Peh With Small V
  [0x08bf, 'ت'], // Teh With Small V
  [0x08c0, 'ت'], // Tteh With Small V
  [0x08c1, 'ج'], // Tcheh With Small V
  [0x08c2, 'ك'], // Keheh With Small V
  [0x08c3, 'غ'], // Ghain With Three Dots Above
  [0x08c4, 'ق'], // African Qaf With Three Dots Above
  [0x08c5, 'ج'], // Jeem With Three Dots Above
  [0x08c6, 'ج'], // Jeem With Three Dots Below
  [0x08c7, 'ل'], // Lam With Small Arabic Letter Tah Above
  [0x08c8, 'ك'], // Graf
  // Arabic Presentation Forms-B: a fragment with no letter of its own.
  [0xfe73, ''], // Tail Fragment
  // Arabic Extended-C (U+10EC0–U+10EFF, Unicode 16 and 17).
  [0x10ec2, 'د'], // Dal With Two Dots Vertically Below
  [0x10ec3, 'ط'], // Tah With Two Dots Vertically Below
  [0x10ec4, 'ك'], // Kaf With Two Dots Vertically Below
  [0x10ec6, 'ن'], // Thin Noon
  [0x10ec7, 'ي'], // Yeh With Four Dots Below
];

/** Letter → the Arabic letter it is a variant of ('' for signs that fold away). */
export const ARABIC_LETTER_VARIANTS: ReadonlyMap<string, string> = new Map(
  ENTRIES.map(([codePoint, folded]) => [String.fromCodePoint(codePoint), folded]),
);
