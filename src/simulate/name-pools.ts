// Word lists and builders for fake names, street addresses and employers. Deterministic from an index or a Random;
// any resemblance to real people or companies is accidental.

import type { Random } from '../core/index.js';
import { flat } from './identifier-formats.js';

const SURNAMES = [
  'Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Wu', 'Zhou', 'Xu', 'Sun', 'Ma', 'Zhu', 'Hu', 'Guo',
  'He', 'Lin', 'Gao', 'Luo', 'Zheng', 'Liang', 'Xie', 'Song', 'Tang', 'Han', 'Feng', 'Deng', 'Cao', 'Peng', 'Zeng', 'Xiao',
  'Tian', 'Dong', 'Pan', 'Yuan', 'Cai', 'Jiang', 'Yu', 'Du',
];
const SYLLABLES = [
  'wei', 'fang', 'na', 'min', 'jing', 'li', 'qiang', 'lei', 'jun', 'yang', 'yong', 'yan', 'jie', 'tao', 'ming', 'chao',
  'xiu', 'xia', 'ping', 'gang', 'hui', 'hua', 'bin', 'hao', 'yu', 'xin', 'lan', 'fei', 'ting', 'kai', 'rui', 'long',
  'zhen', 'bo', 'dan', 'xue', 'qing', 'peng', 'hong', 'mei', 'shan', 'feng', 'yi', 'chen', 'ning', 'xuan', 'zhi', 'an',
];
const CITIES = [
  'Shenzhen', 'Guangzhou', 'Dongguan', 'Chengdu', 'Wuhan', 'Hangzhou', 'Zhengzhou', 'Changsha', "Xi'an", 'Chongqing',
  'Nanjing', 'Suzhou', 'Hefei', 'Kunming', 'Nanning', 'Fuzhou', 'Foshan', 'Jinan', 'Shijiazhuang', 'Nanchang',
];
const DISTRICTS = ['Futian', 'Nanshan', 'Baoan', 'Longgang', 'Jiangbei', 'Wuhou', 'Jinjiang', 'Yuhua', 'Tianhe', 'Haizhu', 'Xihu', 'Gulou'];
const STREETS = [
  'Jianshe', 'Renmin', 'Zhongshan', 'Jiefang', 'Heping', 'Xinhua', 'Shengli', 'Wenhua', 'Chaoyang', 'Huaihai', 'Yan an',
  'Dongfeng', 'Xingfu', 'Changjiang', 'Huanghe', 'Taiping', 'Minzhu', 'Gongye', 'Nongye', 'Kexue', 'Qingnian', 'Binhe',
  'Jinxiu', 'Fuqiang', 'Tianfu', 'Longhua', 'Guangming', 'Xueyuan', 'Huaqiang', 'Shennan',
];
const BIG_EMPLOYERS = [
  'Huaxin Electronics Co., Ltd.', 'Dongfang Express Logistics', 'Jinlong Food Delivery', 'Zhongtian Construction Group',
  'Hongda Textiles Co., Ltd.', 'Xinghe Auto Parts Co., Ltd.', 'Tianyu Retail Chain', 'Baisheng Security Services',
  'Lianhe Supermarkets', 'Kaida Ride Hailing', 'Yuanshan Mobile Assembly', 'Pengcheng Property Management',
];
const COMPANY_WORDS = ['Heng', 'Tai', 'Xin', 'Da', 'Rui', 'Feng', 'Sheng', 'Hua', 'Jin', 'Long', 'Kang', 'Fu', 'Yuan', 'Cheng', 'Ming', 'Bao'];
const INDUSTRIES = ['Trading', 'Catering', 'Decoration', 'Technology', 'Garments', 'Hardware', 'Logistics', 'Media', 'Cleaning', 'Printing', 'Tea House', 'Auto Repair'];

export const BIG_EMPLOYER_COUNT = BIG_EMPLOYERS.length;

function capitalize(word: string): string {
  return word[0].toUpperCase() + word.slice(1);
}

export function randomSurname(random: Random): string {
  return random.pick(SURNAMES);
}

/** "Wang Xiaoming"-style name; pass a surname to make a relative. */
export function personName(random: Random, surname = randomSurname(random)): string {
  const given = random.chance(0.6) ? random.pick(SYLLABLES) + random.pick(SYLLABLES) : random.pick(SYLLABLES);
  return flat(`${surname} ${capitalize(given)}`);
}

export function surnameOf(name: string): string {
  return name.slice(0, name.indexOf(' '));
}

/** A home address for an index in a large space: distinct indices give distinct addresses. */
export function homeAddress(index: number): string {
  let i = index;
  const room = 101 + (i % 28) * 100 + (Math.floor(i / 28) % 8);
  i = Math.floor(i / 224);
  const building = 1 + (i % 30);
  i = Math.floor(i / 30);
  const number = 1 + (i % 300);
  i = Math.floor(i / 300);
  const street = STREETS[i % STREETS.length];
  i = Math.floor(i / STREETS.length);
  const district = DISTRICTS[i % DISTRICTS.length];
  i = Math.floor(i / DISTRICTS.length);
  const city = CITIES[i % CITIES.length];
  return flat(`Room ${room}, Building ${building}, ${number} ${street} Road, ${district} District, ${city}`);
}

export function bigEmployer(index: number): string {
  return BIG_EMPLOYERS[index % BIG_EMPLOYERS.length];
}

/** Dormitories of the big employers: few addresses shared by very many applicants. */
export function dormitoryAddress(employerIndex: number, block: number): string {
  const city = CITIES[(employerIndex * 7) % CITIES.length];
  return flat(`Dormitory ${block + 1}, ${bigEmployer(employerIndex).replace(/ (Co\., Ltd\.|Group)$/, '')} Industrial Park, ${city}`);
}

export function workAddressOf(employer: string, index: number): string {
  const city = CITIES[index % CITIES.length];
  return flat(`${employer}, ${1 + (index % 500)} ${STREETS[(index >> 3) % STREETS.length]} Avenue, ${city}`);
}

/** A small employer for an index: each is shared by a handful of applicants. */
export function smallEmployer(index: number): string {
  const a = COMPANY_WORDS[index % COMPANY_WORDS.length];
  const b = COMPANY_WORDS[Math.floor(index / COMPANY_WORDS.length) % COMPANY_WORDS.length];
  const rest = Math.floor(index / (COMPANY_WORDS.length * COMPANY_WORDS.length));
  const industry = INDUSTRIES[rest % INDUSTRIES.length];
  const city = CITIES[Math.floor(rest / INDUSTRIES.length) % CITIES.length];
  const branch = Math.floor(rest / (INDUSTRIES.length * CITIES.length));
  return flat(`${city} ${a}${b.toLowerCase()} ${industry}${branch > 0 ? ` No. ${branch + 1}` : ''} Co., Ltd.`);
}
