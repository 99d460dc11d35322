// Deterministic generator of realistic JSON Feed 1.1 bundles for the bench:
// the newsroom of "Lanshan Chromium Chemicals" (a fictional company).
//
//   import { generateFeed, serializeFeed } from './generate.mjs';
//   node tests/bench/generate.mjs 1000 out.json [seed]
//
// ~70% English and ~30% Simplified Chinese items (`language: "zh-CN"`, no
// spaces), 6 categories with an uneven mix, 21 tags (2–4 per item), dates over
// 2015–2025 (+08:00) in random order, ~70% content_text / ~30% content_html.
// A seeded PRNG drives everything: the same (count, seed) gives byte-identical
// output. About 2.5 KB of JSON per item (10,000 items ≈ 25 MB).
//
// Guaranteed for the bench's queries: many English items contain both
// "chromium" and "slag"; many Chinese items contain the phrase 铬盐生产.

import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

/** mulberry32: small, fast, good enough for test data. */
function prng(seed) {
  let a = (seed >>> 0) || 0x9e3779b9;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const CATEGORIES = ['Company News', 'Products', 'Sustainability', 'Safety', 'Community', 'Events'];
const CATEGORY_WEIGHTS = [30, 22, 18, 14, 10, 6];

export const TAGS = [
  'sodium dichromate', 'chromic anhydride', 'chromium oxide green', 'basic chromium sulfate',
  'chromium metal', 'leather tanning', 'pigments', 'wastewater', 'slag treatment', 'emissions',
  'energy saving', 'ISO 14001', 'safety training', 'emergency drill', 'delegation', 'export',
  'trade fair', 'R&D', 'award', 'volunteering', 'recruitment',
];
// Tags that suit each category (picked more often there), by index in TAGS.
const CATEGORY_TAGS = {
  'Company News': [14, 15, 18, 20, 0, 17],
  Products: [0, 1, 2, 3, 4, 5, 6, 15, 17],
  Sustainability: [7, 8, 9, 10, 11, 18],
  Safety: [12, 13, 8, 7, 11],
  Community: [19, 20, 18, 14],
  Events: [16, 15, 14, 5, 6, 18],
};

// ---------------------------------------------------------------- English --

const EN = {
  company: ['Lanshan Chromium Chemicals', 'the company', 'Lanshan', 'the company', 'our company'],
  person: [
    'General Manager Zhou Wenbin', 'Deputy General Manager Li Hongmei', 'Chief Engineer Wang Jianguo',
    'Safety Director Chen Lei', 'Environmental Manager Sun Yaping', 'Sales Director Liu Haitao',
    'Dr. Jürgen Müller', 'Ms. Ana Conceição', 'M. François Lefèvre of Société Chimique du Rhône',
    'Mr. José Álvarez', 'Ms. Zoë Brännström', 'Board Chairman Tian Guoqiang',
  ],
  visitor: [
    'a delegation from the Jinzhou Municipal Government', 'a trade delegation from São Paulo',
    'buyers from Société Chimique du Rhône', 'a customer delegation from Müller Lederwerke GmbH',
    'inspectors from the Provincial Department of Ecology and Environment',
    'a delegation from the China Inorganic Salts Industry Association', 'tanners from Chennai and Kanpur',
    'the district emergency management bureau', 'pigment customers from Milan and Kraków',
    'a research team from Dalian University of Technology',
  ],
  place: ['Jinzhou', 'Liaoning Province', 'São Paulo', 'Düsseldorf', 'Istanbul', 'Chennai', 'Ho Chi Minh City', 'Milan', 'Kraków', 'Shanghai', 'Guangzhou', 'Zürich'],
  product: [
    'sodium dichromate', 'potassium dichromate', 'chromic acid anhydride', 'chromium oxide green',
    'basic chromium sulfate', 'chromium metal', 'metallurgical-grade chromium oxide', 'chromium oxide green pigment',
  ],
  fair: ['CHINACOAT', 'the China Leather Fair', 'ACHEMA', 'the European Coatings Show', 'APLF Hong Kong', 'CPHI China', 'the Canton Fair'],
  event: ['open day', 'annual supplier conference', 'technical seminar', 'sports meeting', 'recruitment fair', 'customer symposium', 'quality month kick-off'],
};

const EN_TITLES = {
  'Company News': [
    '{Visitor} visited the company for research',
    '{Person} reviewed the {year} operating plan',
    'Lanshan signs strategic cooperation agreement in {place}',
    'Company holds mid-year work conference',
    'Lanshan reports record {product} output',
    '{Visitor} inspects the chromium industrial chain project',
    'New management appointments announced',
    'Board approves investment in chromium slag recycling',
  ],
  Products: [
    'New {product} grade launched for leather tanning',
    '{Product} line passes customer audit',
    'Lanshan {product} receives REACH registration',
    'Low-sulfur {product} for pigment makers',
    'Technical upgrade lifts {product} quality',
    'Customers in {place} trial our {product}',
    'Chromium metal purity reaches 99.5%',
  ],
  Sustainability: [
    'Chromium slag detoxification line passes acceptance',
    'Wastewater recycling project cuts discharge by {pct}%',
    'Lanshan renews ISO 14001 certification',
    'Historic slag heap cleared ahead of schedule',
    'Energy-saving kiln reduces emissions',
    'Company publishes {year} environmental report',
    'Chromium slag turned into building materials',
  ],
  Safety: [
    'Safety production month kicks off',
    'Emergency drill tests chromium slag leak response',
    '{Person} leads year-end safety inspection',
    'Safety training for {num} new employees',
    'Hazard identification campaign completed',
    'Workshop achieves {num} days without lost-time injury',
  ],
  Community: [
    'Volunteers plant {num} trees near the plant',
    'Scholarships for students in Tanghezi',
    'Employees donate to flood relief in {place}',
    'Company hosts open day for residents',
    'Lanshan sponsors the Jinzhou half marathon',
    'Retired workers celebrate the Double Ninth Festival',
  ],
  Events: [
    'Lanshan exhibits {product} at {fair}',
    'Meet us at {fair}',
    'Company holds {event}',
    'Technical seminar on tanning with chromium in {place}',
    'Annual customer symposium in {place}',
    'Highlights from {fair}',
  ],
};

const EN_SENTENCES = {
  generic: [
    '{Person} stated that the company will keep to the path of green, low-carbon and safe development.',
    'Over the years, with the support of governments at all levels in {place}, the company has overcome falling prices and fierce industry competition.',
    'The company now produces {product}, {product}, {product} and chromium metal along one integrated chromium chain.',
    'Annual output of {product} reached {tonnes} tonnes in {year}, an increase of {pct}% over the previous year.',
    'Participants exchanged views on market trends, raw material supply and the quality requirements of customers in {place}.',
    '{Person} thanked everyone for their hard work and asked all departments to keep up the momentum.',
    'The meeting was chaired by {person} and attended by heads of all workshops and departments.',
    'The company will continue to invest in technology, talent and management to strengthen its position in the chromium chemicals industry.',
    'Chromium chemicals are used in leather tanning, pigments, metal finishing, refractories and wood preservation.',
    'Customers from {place} and {place} took part in the discussion.',
    'Further details will be announced on this page.',
    'Chromite ore is roasted with soda ash, leached and refined into sodium dichromate, the starting point for every other chromium product.',
    'The plant in the Tanghezi Development Zone employs more than {num} people and runs around the clock.',
    'Management asked every workshop to combine production targets with safety and environmental responsibilities.',
    'The company thanked its customers in {place} for their long-term trust.',
    'Digital control of the roasting kilns has made production more stable and reduced manual work.',
    'The event was covered by local media, including Jinzhou Daily.',
    'According to {person}, demand for {product} from customers in {place} remained strong throughout {year}.',
    'The company keeps strict control over hexavalent chromium in every product, in wastewater and in the air.',
  ],
  'Company News': [
    '{Visitor} visited the company on {date} for research and discussion.',
    '{Person} reported on production and operation, development planning and the construction of the chromium slag comprehensive utilisation project.',
    'The visitors toured the sodium dichromate workshop, the central control room and the chromium slag treatment plant.',
    'The leaders fully affirmed the achievements of the company and hoped it would keep its leading position in the industry.',
    'The agreement covers long-term supply of {product} and joint research on cleaner production.',
    'The delegation also discussed export logistics through Jinzhou Port.',
  ],
  Products: [
    'The new grade of {product} has lower sulfate and iron content, which customers in leather tanning asked for.',
    'Basic chromium sulfate is the main tanning agent for wet-blue leather, and tanneries in {place} have used our product for more than ten years.',
    'Chromium oxide green pigment is used in coatings, ceramics, plastics and construction materials because of its stability.',
    'After the technical upgrade the {product} line runs with {pct}% less energy per tonne.',
    'Samples of {product} were sent to customers in {place} for trials.',
    'Quality inspectors test every batch of {product} for hexavalent chromium, moisture and particle size.',
    'The product has been registered under REACH and meets the requirements of customers in the European Union.',
  ],
  Sustainability: [
    'The chromium slag detoxification line processed {tonnes} tonnes of historical slag this year.',
    'Detoxified chromium slag is now used as a raw material for cement and sintered bricks.',
    'The wastewater treatment station reduces hexavalent chromium to trivalent chromium before any water leaves the site.',
    'Online monitoring of wastewater and stack emissions is connected to the environmental protection bureau in real time.',
    'Since {year} the company has invested more than {num} million yuan in environmental protection.',
    'The roasting kiln without calcium, introduced in {year}, cut the amount of chromium slag per tonne of product by {pct}%.',
    'Rainwater from the slag yard is collected and treated before reuse.',
    'Experts from {place} reviewed the environmental impact assessment of the project.',
  ],
  Safety: [
    'Safety comes first: every shift starts with a five-minute safety briefing.',
    'The drill simulated a leak of chromic acid solution and a fire in the raw material warehouse.',
    'Employees practised the use of breathing apparatus, emergency showers and spill kits.',
    '{Person} inspected the workshops and asked for hidden hazards to be fixed within {num} days.',
    'The company has completed its safety production standardisation and holds a level-two certificate.',
    'New employees received {num} hours of safety training on handling dichromate and chromic acid.',
    'Contractors working at height or in confined spaces must hold a valid work permit.',
  ],
  Community: [
    '{Num} employees volunteered on the weekend.',
    'The company donated {num} thousand yuan to the local primary school for books and sports equipment.',
    'Residents visited the wastewater station and asked questions about the chromium slag project.',
    'The trade union organised the activity together with the community committee.',
    'Volunteers from the company have supported the Tanghezi elderly home since {year}.',
  ],
  Events: [
    'Visitors to our booth at {fair} asked about {product} for tanning and pigments.',
    'Our technical service team presented the results of tanning trials in {place}.',
    'The {event} brought together {num} participants from customers, suppliers and research institutes.',
    'Dr. Jürgen Müller gave a talk on chromium-free tanning and the future of chromium tanning agents.',
    'Ms. Ana Conceição from São Paulo shared the experience of Brazilian tanneries with basic chromium sulfate.',
    'The exhibition will be held in {place} from {date}.',
  ],
};

const EN_SUMMARIES = [
  '{Visitor} visited the company to review its operations and its chromium slag and wastewater projects.',
  '{Person} outlined the progress of {product} production and the plans for {year}.',
  'The company shared news about {product}, safety and environmental protection.',
  'A short report on the {event} and what comes next for chromium chemicals.',
  'Highlights of the chromium slag treatment and wastewater recycling work this year.',
  'Customers from {place} learned about our {product} for leather tanning.',
];

const EN_LIST_ITEMS = [
  'Output of {product} up {pct}%', 'No lost-time injury for {num} days', 'Chromium slag fully detoxified',
  'Wastewater reused on site', 'New customers in {place}', 'Energy use per tonne down {pct}%',
  'Safety training for every shift', 'REACH registration renewed',
];

// ---------------------------------------------------------------- Chinese --

const ZH = {
  person: ['总经理周文斌', '副总经理李红梅', '总工程师王建国', '安全总监陈磊', '环保部长孙亚萍', '销售总监刘海涛', '董事长田国强'],
  visitor: ['锦州市副市长一行', '省生态环境厅检查组', '市应急管理局领导', '中国无机盐工业协会专家组', '巴西圣保罗客商代表团', '大连理工大学科研团队', '太和区委主要领导'],
  place: ['锦州', '辽宁省', '上海', '广州', '温州', '河北辛集', '浙江海宁', '圣保罗'],
  product: ['重铬酸钠', '铬酸酐', '氧化铬绿', '碱式硫酸铬', '金属铬', '重铬酸钾', '颜料级氧化铬绿'],
  fair: ['中国国际涂料展', '中国国际皮革展', '广交会', '上海国际化工展'],
};

const ZH_TITLES = {
  'Company News': ['{visitor}莅临公司调研指导', '公司召开{year}年度工作会议', '公司与{place}客户签订战略合作协议', '{product}产量创历史新高', '铬盐生产全产业链项目建设稳步推进'],
  Products: ['{product}新产品顺利通过客户验收', '公司{product}通过欧盟REACH注册', '{product}生产线完成技术改造', '铬盐生产工艺优化取得新成效'],
  Sustainability: ['铬渣无害化处理项目通过环保验收', '公司废水循环利用率达到{pct}%', '公司顺利通过ISO 14001环境管理体系复审', '无钙焙烧技术助力铬盐生产绿色转型'],
  Safety: ['公司启动“安全生产月”活动', '公司开展危化品泄漏应急演练', '{person}带队开展安全生产大检查', '新员工安全生产培训圆满结束'],
  Community: ['公司志愿者开展植树活动', '公司向唐河子小学捐赠图书', '公司举办企业开放日活动', '公司慰问离退休老同志'],
  Events: ['公司亮相{fair}', '{product}应用技术研讨会在{place}召开', '公司举办客户交流会', '公司参加{fair}并取得丰硕成果'],
};

const ZH_SENTENCES = {
  generic: [
    '{person}表示，公司将始终坚持绿色、低碳、环保的发展道路，坚持科技兴企、人才强企战略。',
    '多年来，在{place}各级政府的大力支持下，公司克服了市场低迷、行业竞争激烈等不利因素。',
    '公司是国内重要的铬盐生产企业，主要产品包括重铬酸钠、铬酸酐、氧化铬绿、碱式硫酸铬和金属铬。',
    '{year}年公司{product}产量达到{tonnes}吨，同比增长{pct}%。',
    '会议由{person}主持，各车间、各部门负责人参加会议。',
    '与会人员围绕市场形势、原料供应和产品质量等问题进行了深入交流。',
    '公司将继续加大科技投入，不断提升铬盐生产的自动化和信息化水平。',
    '铬化合物广泛应用于皮革鞣制、颜料、电镀、耐火材料和木材防腐等领域。',
    '铬铁矿经纯碱焙烧、浸取和精制制得重铬酸钠，再进一步加工成其他铬盐产品。',
    '公司位于唐河子开发区，现有员工{num}余人，生产装置实行连续运转。',
    '公司要求各车间把生产任务与安全生产、环保责任紧密结合起来。',
    '焙烧窑炉实现自动化控制后，生产更加稳定，劳动强度明显降低。',
    '锦州日报等当地媒体对此进行了报道。',
    '据{person}介绍，{year}年{place}客户对{product}的需求保持旺盛。',
  ],
  'Company News': [
    '{date}，{visitor}莅临公司调研指导，{person}陪同调研。',
    '调研组一行先后参观了重铬酸钠车间、中控室和铬渣综合利用车间。',
    '领导对公司多年来取得的成绩给予充分肯定，希望公司继续保持行业领先地位。',
    '双方就{product}长期供应和清洁生产技术合作达成共识。',
  ],
  Products: [
    '新型{product}产品硫酸盐和铁含量更低，满足了制革行业客户的需求。',
    '碱式硫酸铬是蓝湿革鞣制的主要鞣剂，{place}的制革企业使用我公司产品已有十余年。',
    '氧化铬绿性能稳定，广泛用于涂料、陶瓷、塑料和建筑材料。',
    '技术改造完成后，{product}生产线单位产品能耗降低{pct}%。',
    '质检部门对每批{product}的六价铬含量、水分和粒度进行严格检测。',
  ],
  Sustainability: [
    '铬渣无害化处理线全年处理历史堆存铬渣{tonnes}吨。',
    '解毒后的铬渣用作水泥和烧结砖的原料，实现了资源化利用。',
    '污水处理站将六价铬还原为三价铬，废水经处理后全部回用，不外排。',
    '废水和废气在线监测数据实时上传至环保部门。',
    '自{year}年以来，公司累计投入环保资金{num}万元。',
    '无钙焙烧工艺使每吨产品的铬渣排放量减少{pct}%，铬盐生产实现清洁化。',
  ],
  Safety: [
    '公司始终坚持“安全第一、预防为主、综合治理”的方针，扎实推进安全生产标准化建设。',
    '演练模拟了铬酸溶液泄漏和原料库火灾两种情景。',
    '员工们现场练习了空气呼吸器、紧急洗眼器和泄漏处置器材的使用。',
    '{person}深入各车间检查，要求对发现的隐患在{num}天内整改完毕。',
    '新员工接受了{num}学时的安全生产培训，重点学习重铬酸钠和铬酸酐的安全操作规程。',
    '铬盐生产涉及高温焙烧和危险化学品，安全生产责任重于泰山。',
  ],
  Community: [
    '公司{num}名志愿者利用周末参加了公益活动。',
    '公司向当地小学捐赠图书和体育器材，价值{num}元。',
    '周边居民参观了污水处理站和铬渣处理车间，了解铬盐生产企业的环保措施。',
    '活动由公司工会和社区居委会共同组织。',
  ],
  Events: [
    '展会期间，公司展位吸引了众多客户咨询{product}在制革和颜料领域的应用。',
    '公司技术服务团队介绍了在{place}开展的鞣制试验结果。',
    '本次交流会共有来自客户、供应商和科研院所的{num}名代表参加。',
    '与会专家围绕铬盐生产的清洁化和铬鞣剂的发展前景作了专题报告。',
  ],
};

const ZH_SUMMARIES = [
  '{visitor}莅临公司，就铬盐生产、环保和安全生产工作进行调研。',
  '{person}介绍了{product}生产情况和{year}年工作计划。',
  '公司在铬渣治理和废水循环利用方面取得新进展。',
  '公司扎实开展安全生产工作，筑牢安全防线。',
];

const ZH_LIST_ITEMS = ['{product}产量同比增长{pct}%', '连续{num}天无事故', '铬渣全部实现无害化处理', '废水全部回用', '新开发{place}客户', '单位产品能耗下降{pct}%'];

// ----------------------------------------------------------------- helpers --

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const capital = (s) => s.charAt(0).toUpperCase() + s.slice(1);
const slug = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const pad = (n, w = 2) => String(n).padStart(w, '0');

const START = Date.UTC(2015, 0, 1);
const DAYS = Math.round((Date.UTC(2026, 0, 1) - START) / 86_400_000); // 2015-01-01 .. 2025-12-31
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * A JSON Feed 1.1 document with `count` items.
 * @param {number} count
 * @param {number} [seed]
 */
export function generateFeed(count, seed = 1) {
  const rand = prng(seed);
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const weighted = (xs, ws) => {
    const total = ws.reduce((a, b) => a + b, 0);
    let r = rand() * total;
    for (let i = 0; i < xs.length; i++) if ((r -= ws[i]) < 0) return xs[i];
    return xs[xs.length - 1];
  };

  const items = [];
  for (let i = 0; i < count; i++) {
    const zh = rand() < 0.3;
    const category = weighted(CATEGORIES, CATEGORY_WEIGHTS);
    const day = new Date(START + int(0, DAYS - 1) * 86_400_000);
    const y = day.getUTCFullYear();
    const m = day.getUTCMonth();
    const d = day.getUTCDate();
    const date = `${y}-${pad(m + 1)}-${pad(d)}T${pad(int(8, 19))}:${pad(int(0, 59))}:${pad(int(0, 59))}+08:00`;

    const V = zh ? ZH : EN;
    const fill = (template) => template.replace(/\{(\w+)\}/g, (_, key) => {
      const lower = key.toLowerCase();
      let v;
      switch (lower) {
        case 'year': v = String(int(Math.max(2008, y - 3), y)); break;
        case 'num': v = String(pick([3, 5, 12, 20, 30, 45, 60, 120, 180, 365, 500, 800, 1200, 3000, 15000, 42000])); break;
        case 'tonnes': v = String(int(8, 160) * 250); break;
        case 'pct': v = String(int(3, 35)); break;
        case 'date': v = zh ? `${m + 1}月${d}日` : `${MONTHS[m]} ${d}`; break;
        default: v = pick(V[lower] || [key]);
      }
      return key[0] === key[0].toUpperCase() && !zh ? capital(v) : v;
    });

    const titles = (zh ? ZH_TITLES : EN_TITLES)[category];
    const sentences = zh ? ZH_SENTENCES : EN_SENTENCES;
    const title = fill(pick(titles));
    // Sentences are drawn like cards from two decks (the category's, the
    // generic one): no sentence repeats in an item before its deck runs out.
    const decks = { own: [], generic: [] };
    const draw = (name, pool) => {
      if (!decks[name].length) decks[name] = [...pool];
      const deck = decks[name];
      return deck.splice(Math.floor(rand() * deck.length), 1)[0];
    };
    const paragraph = () => {
      const n = int(3, 5);
      const out = [];
      for (let k = 0; k < n; k++) {
        out.push(fill(rand() < 0.5 ? draw('own', sentences[category]) : draw('generic', sentences.generic)));
      }
      return out.join(zh ? '' : ' ');
    };
    const paragraphs = [];
    const nParas = zh ? int(4, 7) : int(4, 6);
    for (let k = 0; k < nParas; k++) paragraphs.push(paragraph());

    const tagPool = CATEGORY_TAGS[category];
    const nTags = int(2, 4);
    const tags = [];
    while (tags.length < nTags) {
      const t = rand() < 0.75 ? TAGS[pick(tagPool)] : pick(TAGS);
      if (!tags.includes(t)) tags.push(t);
    }

    const id = `${y}-${pad(m + 1)}-${pad(d)}-${zh ? 'zh' : slug(title).slice(0, 40)}-${i.toString(36)}`;
    const item = { id, title };
    if (zh) item.language = 'zh-CN';
    else if (rand() < 0.5) item.language = 'en';
    item.date_published = date;
    if (rand() < 0.85) item.summary = fill(pick(zh ? ZH_SUMMARIES : EN_SUMMARIES));

    if (rand() < 0.7) {
      item.content_text = paragraphs.join('\n\n');
    } else {
      const html = paragraphs.map((p) => {
        let h = escapeHtml(p);
        const product = pick(V.product);
        if (h.includes(product)) {
          h = rand() < 0.5
            ? h.replace(product, `<a href="https://example.com/products/${slug(product) || 'p' + V.product.indexOf(product)}">${product}</a>`)
            : h.replace(product, `<strong>${product}</strong>`);
        }
        return `<p>${h}</p>`;
      });
      if (rand() < 0.4) {
        const li = [];
        const n = int(3, 5);
        for (let k = 0; k < n; k++) li.push(`<li>${escapeHtml(fill(pick(zh ? ZH_LIST_ITEMS : EN_LIST_ITEMS)))}</li>`);
        html.splice(int(1, html.length - 1), 0, `<ul>${li.join('')}</ul>`);
      }
      if (rand() < 0.5) {
        html.push(zh
          ? `<p>更多信息请访问<a href="https://example.com/news/${i.toString(36)}">公司官网</a>。</p>`
          : `<p>Read more on <a href="https://example.com/news/${i.toString(36)}">our website</a>.</p>`);
      }
      item.content_html = html.join('\n');
    }
    if (rand() < 0.4) item.url = `https://example.com/news/${id}`;
    if (rand() < 0.3) item.authors = [{ name: zh ? pick(['新闻中心', '党群工作部', '安全环保部']) : pick(['Newsroom', 'Corporate Communications', 'Sun Yaping']) }];
    item.tags = tags;
    item._newsroom = { category };
    items.push(item);
  }

  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Lanshan Chromium Chemicals News',
    home_page_url: 'https://example.com/',
    feed_url: 'https://example.com/news/feed.json',
    description: 'News from Lanshan Chromium Chemicals Co., Ltd. (蓝山铬化工有限公司), a fictional producer of sodium dichromate, chromic acid anhydride, chromium oxide green, basic chromium sulfate and chromium metal.',
    language: 'en',
    items,
  };
}

/** The bundle as served: compact JSON, UTF-8. */
export function serializeFeed(feed) {
  return JSON.stringify(feed);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === fs.realpathSync(process.argv[1])) {
  const [countArg, out, seedArg] = process.argv.slice(2);
  const count = Number(countArg);
  if (!Number.isInteger(count) || count < 0 || !out) {
    console.error('usage: node tests/bench/generate.mjs COUNT OUT.json [SEED]');
    process.exit(2);
  }
  const t0 = performance.now();
  const body = serializeFeed(generateFeed(count, seedArg === undefined ? 1 : Number(seedArg)));
  fs.writeFileSync(out, body);
  const bytes = Buffer.byteLength(body);
  console.error(`${out}: ${count} items, ${(bytes / 1e6).toFixed(2)} MB (${Math.round(bytes / Math.max(1, count))} B/item), ${(performance.now() - t0).toFixed(0)} ms`);
}
