// Time zones implied by a phone number's region. libphonenumber-js has no geographic data,
// so this is our own compact table. Countries spanning several UTC offsets list one
// representative IANA zone per distinct offset/DST rule (enough for calling windows);
// single-zone countries list their one zone. Checked against Node's ICU by the spec.

export const COUNTRY_TIME_ZONES: Readonly<Record<string, readonly string[]>> = {
  // Several zones.
  US: ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles',
    'America/Anchorage', 'America/Adak', 'Pacific/Honolulu'],
  CA: ['America/St_Johns', 'America/Halifax', 'America/Toronto', 'America/Winnipeg', 'America/Regina',
    'America/Edmonton', 'America/Vancouver', 'America/Whitehorse'],
  MX: ['America/Mexico_City', 'America/Cancun', 'America/Matamoros', 'America/Chihuahua',
    'America/Ciudad_Juarez', 'America/Mazatlan', 'America/Hermosillo', 'America/Tijuana'],
  BR: ['America/Noronha', 'America/Sao_Paulo', 'America/Manaus', 'America/Rio_Branco'],
  RU: ['Europe/Kaliningrad', 'Europe/Moscow', 'Europe/Samara', 'Asia/Yekaterinburg', 'Asia/Omsk',
    'Asia/Novosibirsk', 'Asia/Krasnoyarsk', 'Asia/Irkutsk', 'Asia/Yakutsk', 'Asia/Vladivostok',
    'Asia/Magadan', 'Asia/Kamchatka'],
  AU: ['Australia/Perth', 'Australia/Eucla', 'Australia/Darwin', 'Australia/Adelaide', 'Australia/Brisbane',
    'Australia/Sydney', 'Australia/Lord_Howe'],
  ID: ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'],
  KZ: ['Asia/Almaty', 'Asia/Qostanay', 'Asia/Qyzylorda', 'Asia/Aqtobe', 'Asia/Aqtau', 'Asia/Atyrau', 'Asia/Oral'],
  CL: ['America/Santiago', 'America/Punta_Arenas', 'Pacific/Easter'],
  CD: ['Africa/Kinshasa', 'Africa/Lubumbashi'],
  EC: ['America/Guayaquil', 'Pacific/Galapagos'],
  ES: ['Europe/Madrid', 'Atlantic/Canary'],
  PT: ['Europe/Lisbon', 'Atlantic/Azores'],
  MN: ['Asia/Ulaanbaatar', 'Asia/Hovd'],
  NZ: ['Pacific/Auckland', 'Pacific/Chatham'],
  GL: ['America/Nuuk', 'America/Danmarkshavn', 'America/Scoresbysund', 'America/Thule'],
  // One zone: Europe.
  TR: ['Europe/Istanbul'], GB: ['Europe/London'], GG: ['Europe/Guernsey'], JE: ['Europe/Jersey'],
  IM: ['Europe/Isle_of_Man'], IE: ['Europe/Dublin'], DE: ['Europe/Berlin'],
  FR: ['Europe/Paris'], IT: ['Europe/Rome'], NL: ['Europe/Amsterdam'], BE: ['Europe/Brussels'],
  LU: ['Europe/Luxembourg'], CH: ['Europe/Zurich'], AT: ['Europe/Vienna'], DK: ['Europe/Copenhagen'],
  SE: ['Europe/Stockholm'], NO: ['Europe/Oslo'], FI: ['Europe/Helsinki'], IS: ['Atlantic/Reykjavik'],
  PL: ['Europe/Warsaw'], CZ: ['Europe/Prague'], SK: ['Europe/Bratislava'], HU: ['Europe/Budapest'],
  RO: ['Europe/Bucharest'], BG: ['Europe/Sofia'], GR: ['Europe/Athens'], CY: ['Asia/Nicosia'],
  MT: ['Europe/Malta'], SI: ['Europe/Ljubljana'], HR: ['Europe/Zagreb'], BA: ['Europe/Sarajevo'],
  RS: ['Europe/Belgrade'], ME: ['Europe/Podgorica'], MK: ['Europe/Skopje'], AL: ['Europe/Tirane'],
  XK: ['Europe/Belgrade'], LT: ['Europe/Vilnius'], LV: ['Europe/Riga'], EE: ['Europe/Tallinn'],
  UA: ['Europe/Kyiv'], BY: ['Europe/Minsk'], MD: ['Europe/Chisinau'],
  // One zone: Caucasus, Middle East, Central and South Asia.
  GE: ['Asia/Tbilisi'], AM: ['Asia/Yerevan'], AZ: ['Asia/Baku'], IL: ['Asia/Jerusalem'],
  PS: ['Asia/Gaza'], LB: ['Asia/Beirut'], SY: ['Asia/Damascus'], JO: ['Asia/Amman'], IQ: ['Asia/Baghdad'],
  IR: ['Asia/Tehran'], SA: ['Asia/Riyadh'], AE: ['Asia/Dubai'], QA: ['Asia/Qatar'], KW: ['Asia/Kuwait'],
  BH: ['Asia/Bahrain'], OM: ['Asia/Muscat'], YE: ['Asia/Aden'], AF: ['Asia/Kabul'], PK: ['Asia/Karachi'],
  IN: ['Asia/Kolkata'], BD: ['Asia/Dhaka'], LK: ['Asia/Colombo'], NP: ['Asia/Kathmandu'],
  UZ: ['Asia/Tashkent'], TM: ['Asia/Ashgabat'], KG: ['Asia/Bishkek'], TJ: ['Asia/Dushanbe'],
  // One zone: East and South-East Asia, Oceania.
  CN: ['Asia/Shanghai'], HK: ['Asia/Hong_Kong'], MO: ['Asia/Macau'], TW: ['Asia/Taipei'],
  JP: ['Asia/Tokyo'], KR: ['Asia/Seoul'], VN: ['Asia/Ho_Chi_Minh'], TH: ['Asia/Bangkok'],
  KH: ['Asia/Phnom_Penh'], LA: ['Asia/Vientiane'], MM: ['Asia/Yangon'], MY: ['Asia/Kuala_Lumpur'],
  SG: ['Asia/Singapore'], PH: ['Asia/Manila'],
  // One zone: Africa.
  EG: ['Africa/Cairo'], LY: ['Africa/Tripoli'], TN: ['Africa/Tunis'], DZ: ['Africa/Algiers'],
  MA: ['Africa/Casablanca'], SD: ['Africa/Khartoum'], ET: ['Africa/Addis_Ababa'], KE: ['Africa/Nairobi'],
  TZ: ['Africa/Dar_es_Salaam'], UG: ['Africa/Kampala'], RW: ['Africa/Kigali'], NG: ['Africa/Lagos'],
  GH: ['Africa/Accra'], CI: ['Africa/Abidjan'], SN: ['Africa/Dakar'], CM: ['Africa/Douala'],
  AO: ['Africa/Luanda'], ZM: ['Africa/Lusaka'], ZW: ['Africa/Harare'], MZ: ['Africa/Maputo'],
  ZA: ['Africa/Johannesburg'],
  // One zone: the Americas outside the +1 area narrowing.
  AR: ['America/Argentina/Buenos_Aires'], UY: ['America/Montevideo'], PY: ['America/Asuncion'],
  BO: ['America/La_Paz'], PE: ['America/Lima'], CO: ['America/Bogota'], VE: ['America/Caracas'],
  PA: ['America/Panama'], CR: ['America/Costa_Rica'], NI: ['America/Managua'],
  HN: ['America/Tegucigalpa'], SV: ['America/El_Salvador'], GT: ['America/Guatemala'],
  BZ: ['America/Belize'], CU: ['America/Havana'], DO: ['America/Santo_Domingo'],
  PR: ['America/Puerto_Rico'], JM: ['America/Jamaica'], TT: ['America/Port_of_Spain'],
  BS: ['America/Nassau'], BB: ['America/Barbados'], HT: ['America/Port-au-Prince'],
};

/**
 * NANP (+1) area codes that lie wholly inside one zone, grouped by zone. Split area codes
 * (e.g. 208 Idaho, 541 Oregon, 850 Florida, 907 Alaska, 928 Arizona) are left out on purpose:
 * they fall back to all of the country's zones.
 */
export const NANP_AREA_CODES_BY_ZONE: Readonly<Record<string, string>> = {
  'America/New_York':
    '201 202 203 207 212 215 216 229 234 239 240 252 267 276 301 302 304 305 315 321 330 332 336 339 ' +
    '347 351 352 386 401 404 407 410 412 413 419 434 440 443 470 475 478 484 508 513 516 518 540 551 ' +
    '561 567 570 571 585 603 607 609 610 614 617 631 646 678 703 704 706 716 717 718 724 727 732 740 ' +
    '754 757 762 770 772 774 781 786 802 803 804 813 814 828 843 845 848 856 857 860 862 863 864 865 ' +
    '878 904 908 910 912 914 917 919 929 937 941 954 973 978 980 984',
  'America/Detroit': '231 248 269 313 517 586 616 734 810 989',
  'America/Chicago':
    '205 210 214 217 218 224 225 251 254 256 262 281 309 312 314 316 318 319 320 331 334 337 346 361 ' +
    '402 405 409 414 417 430 469 479 501 504 507 512 515 563 573 601 608 612 615 618 630 636 641 651 ' +
    '660 662 682 708 712 713 715 731 763 769 773 779 806 815 816 817 830 832 847 870 872 901 903 913 ' +
    '918 920 936 940 952 956 972 979 985',
  'America/Denver': '303 307 385 406 435 505 575 719 720 801 915 970',
  'America/Phoenix': '480 520 602 623',
  'America/Los_Angeles':
    '206 209 213 253 310 323 360 408 415 424 425 442 503 509 510 530 559 562 619 626 628 650 657 661 ' +
    '669 702 707 714 725 747 760 805 818 831 858 909 916 925 949 951 971',
  'Pacific/Honolulu': '808',
  'America/Toronto': '226 249 289 343 365 416 437 438 450 514 519 548 579 613 647 705 905',
  'America/Winnipeg': '204 431',
  'America/Edmonton': '403 587 780 825',
  'America/Vancouver': '604',
  'America/Halifax': '782 902',
  'America/Moncton': '506',
};

/** Area code → zone, expanded once from the grouped table above. */
export const NANP_AREA_CODE_ZONES: ReadonlyMap<string, string> = new Map(
  Object.entries(NANP_AREA_CODES_BY_ZONE).flatMap(([zone, codes]) =>
    codes.split(' ').map((code): [string, string] => [code, zone]),
  ),
);
