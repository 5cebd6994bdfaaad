import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  applicantKey,
  isValidCreditCode,
  isValidResidentIdNumber,
  validateApplication,
} from '../../src/cases/intake.ts';

const person = {
  applicant: {
    type: 'naturalPerson',
    name: ' 张三 ',
    idDocument: { type: 'residentIdCard', number: '11010519491231002x' },
  },
  contact: { phone: '138-0013-8000', email: '', address: '' },
  information: { description: '2024年度部门预算及说明', documentNumber: '' },
  form: 'electronic',
  delivery: 'online',
  channel: 'online',
};

const company = {
  applicant: { type: 'commercial', name: '深圳市腾讯计算机系统有限公司', creditCode: '9144030071526726xg' },
  contact: { address: '深圳市南山区科技园', postcode: '518057' },
  information: { description: '某路段道路规划许可的批复文件' },
  form: 'paper',
  delivery: 'post',
  channel: 'registeredPost',
};

function errors(input: unknown) {
  const r = validateApplication(input);
  assert.equal(r.ok, false);
  return r.ok ? [] : r.errors;
}

describe('identity numbers', () => {
  it('统一社会信用代码: charset and GB 32100-2015 check character', () => {
    for (const c of ['914403001922038216', '9144030071526726XG', '91110000710925462X', '91350100M000100Y43'])
      assert.equal(isValidCreditCode(c), true, c);
    assert.equal(isValidCreditCode('914403001922038217'), false); // wrong check character
    assert.equal(isValidCreditCode('9144030019220382I6'), false); // I is not in the set
    assert.equal(isValidCreditCode('91440300192203821'), false); // 17 characters
  });

  it('居民身份证号码: birth date and MOD 11-2 check character', () => {
    assert.equal(isValidResidentIdNumber('11010519491231002X'), true);
    assert.equal(isValidResidentIdNumber('110105194912310021'), false);
    assert.equal(isValidResidentIdNumber('11010519491331002X'), false); // month 13
  });
});

describe('validateApplication (条例第二十九条)', () => {
  it('accepts a natural person and normalises the input', () => {
    const r = validateApplication(person);
    assert.equal(r.ok, true);
    if (!r.ok) return;
    assert.equal(r.value.applicant.name, '张三');
    assert.equal(
      r.value.applicant.type === 'naturalPerson' && r.value.applicant.idDocument.number,
      '11010519491231002X',
    );
    assert.equal(r.value.contact.email, undefined);
    assert.equal(r.value.information.documentNumber, undefined);
    assert.equal(r.value.purpose, undefined); // 用途 is optional (no purpose condition since 2019)
    assert.equal(applicantKey(r.value.applicant), 'person:residentIdCard:11010519491231002X');
  });

  it('accepts an organisation with its credit code', () => {
    const r = validateApplication(company);
    assert.equal(r.ok, true);
    if (r.ok) assert.equal(applicantKey(r.value.applicant), 'org:9144030071526726XG');
  });

  it('names each missing field in Chinese', () => {
    assert.deepEqual(errors({}), [
      { path: 'applicant', message: '申请人：必填' },
      { path: 'contact', message: '联系方式：必填' },
      { path: 'information', message: '所需政府信息：必填' },
      { path: 'form', message: '信息的指定提供形式：必填' },
      { path: 'delivery', message: '获取信息的方式：必填' },
      { path: 'channel', message: '提交方式：必填' },
    ]);
    assert.deepEqual(errors({ ...person, applicant: { ...person.applicant, name: '  ' } }), [
      { path: 'applicant.name', message: '申请人姓名：必填' },
    ]);
    assert.deepEqual(errors({ ...company, applicant: { ...company.applicant, name: undefined } }), [
      { path: 'applicant.name', message: '申请人名称：必填' },
    ]);
  });

  it('checks the identity documents', () => {
    assert.deepEqual(
      errors({
        ...person,
        applicant: {
          ...person.applicant,
          idDocument: { type: 'residentIdCard', number: '110105194912310021' },
        },
      }),
      [{ path: 'applicant.idDocument.number', message: '身份证明号码：不是有效的居民身份证号码' }],
    );
    const passport = (number: string) => ({
      ...person,
      applicant: { ...person.applicant, idDocument: { type: 'passport', number } },
    });
    assert.equal(validateApplication(passport('e1234567')).ok, true);
    assert.deepEqual(errors(passport('!')), [
      { path: 'applicant.idDocument.number', message: '身份证明号码：不是有效的护照号码' },
    ]);
    assert.deepEqual(
      errors({ ...company, applicant: { ...company.applicant, creditCode: '914403001922038217' } }),
      [{ path: 'applicant.creditCode', message: '统一社会信用代码：格式或校验位错误（GB 32100-2015）' }],
    );
    assert.deepEqual(errors({ ...company, applicant: { ...company.applicant, creditCode: '123' } }), [
      { path: 'applicant.creditCode', message: '统一社会信用代码：应为18位' },
    ]);
  });

  it('applicant type: one of the six columns of table 三', () => {
    assert.deepEqual(errors({ ...person, applicant: { ...person.applicant, type: 'government' } }), [
      {
        path: 'applicant.type',
        message:
          '申请人类型：须为自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他之一（年度报告表三的申请人分类）',
      },
    ]);
    for (const type of ['research', 'nonprofit', 'legalServices', 'otherOrganization'])
      assert.equal(
        validateApplication({ ...company, applicant: { ...company.applicant, type } }).ok,
        true,
        type,
      );
  });

  it('at least one way of contact; the delivery way needs its contact detail', () => {
    assert.deepEqual(errors({ ...person, contact: {} }), [
      { path: 'contact', message: '联系方式：联系电话、电子邮箱、通信地址至少填写一项（条例第二十九条）' },
    ]);
    assert.deepEqual(errors({ ...person, delivery: 'email' }), [
      { path: 'contact.email', message: '电子邮箱：选择电子邮件方式获取信息的，必填' },
    ]);
    assert.deepEqual(errors({ ...company, contact: { phone: '0755-86013388' } }), [
      { path: 'contact.address', message: '通信地址：选择邮寄方式获取信息的，必填' },
    ]);
    assert.deepEqual(errors({ ...person, contact: { email: 'not-an-email' } }), [
      { path: 'contact.email', message: '电子邮箱：格式不正确' },
    ]);
    assert.deepEqual(errors({ ...person, contact: { phone: '12' } }), [
      { path: 'contact.phone', message: '联系电话：格式不正确' },
    ]);
  });

  it('the description of the information is required and not trivially short', () => {
    assert.deepEqual(errors({ ...person, information: { description: '预算' } }), [
      {
        path: 'information.description',
        message: '所需政府信息的名称、文号或者便于查询的特征性描述：至少4个字',
      },
    ]);
    assert.deepEqual(errors({ ...person, information: { description: '' } }), [
      { path: 'information.description', message: '所需政府信息的名称、文号或者便于查询的特征性描述：必填' },
    ]);
  });

  it('channel, form and delivery are closed lists', () => {
    assert.deepEqual(errors({ ...person, channel: 'wechat' }), [
      { path: 'channel', message: '提交方式：须为当面提交、邮寄（需签收）、平常信函、互联网渠道、传真之一' },
    ]);
    assert.match(
      errors({ ...person, form: 'stone' })[0]!.message,
      /^信息的指定提供形式：须为纸质文本、电子文本/,
    );
  });

  it('用途 and the Art. 29/43 flags are optional', () => {
    const r = validateApplication({
      ...person,
      purpose: '科研',
      filledOnBehalf: true,
      needsAssistance: false,
    });
    assert.equal(r.ok, true);
  });
});
