// The benchmark's QTI 3 items, written for this benchmark.
const NS = 'http://www.imsglobal.org/xsd/imsqtiasi_v3p0';
const MC = 'https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/match_correct.xml';
const MR = 'https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/map_response.xml';

const item = (id, decls, body, rp) => `<qti-assessment-item xmlns="${NS}" identifier="${id}" title="${id}" adaptive="false" time-dependent="false">
${decls}
<qti-outcome-declaration identifier="SCORE" cardinality="single" base-type="float"><qti-default-value><qti-value>0</qti-value></qti-default-value></qti-outcome-declaration>
<qti-item-body>${body}</qti-item-body>
${rp}
</qti-assessment-item>`;

const choice = (rid, n, prompt) => `<qti-choice-interaction response-identifier="${rid}" max-choices="1"><qti-prompt>${prompt}</qti-prompt>
${Array.from({ length: n }, (_, i) => `<qti-simple-choice identifier="C${i}">Option ${i + 1}</qti-simple-choice>`).join('\n')}
</qti-choice-interaction>`;

export const ITEMS = {
  'single-choice': item('single', `<qti-response-declaration identifier="RESPONSE" cardinality="single" base-type="identifier"><qti-correct-response><qti-value>C1</qti-value></qti-correct-response></qti-response-declaration>`,
    choice('RESPONSE', 4, 'Pick the second option.'), `<qti-response-processing template="${MC}"/>`),
  'multiple-response-map': item('multi', `<qti-response-declaration identifier="RESPONSE" cardinality="multiple" base-type="identifier">
<qti-correct-response><qti-value>C0</qti-value><qti-value>C2</qti-value></qti-correct-response>
<qti-mapping lower-bound="0" upper-bound="2" default-value="-0.5"><qti-map-entry map-key="C0" mapped-value="1"/><qti-map-entry map-key="C2" mapped-value="1"/></qti-mapping>
</qti-response-declaration>`,
    `<qti-choice-interaction response-identifier="RESPONSE" max-choices="0"><qti-prompt>Pick the odd options.</qti-prompt>
${Array.from({ length: 5 }, (_, i) => `<qti-simple-choice identifier="C${i}">Option ${i + 1}</qti-simple-choice>`).join('\n')}
</qti-choice-interaction>`, `<qti-response-processing template="${MR}"/>`),
  'text-entry-custom': item('text', `<qti-response-declaration identifier="RESPONSE" cardinality="single" base-type="string"><qti-correct-response><qti-value>Paris</qti-value></qti-correct-response></qti-response-declaration>`,
    `<p>The capital of France is <qti-text-entry-interaction response-identifier="RESPONSE" expected-length="10"/>.</p>`,
    `<qti-response-processing><qti-response-condition>
<qti-response-if><qti-string-match case-sensitive="false"><qti-variable identifier="RESPONSE"/><qti-correct identifier="RESPONSE"/></qti-string-match>
<qti-set-outcome-value identifier="SCORE"><qti-base-value base-type="float">1</qti-base-value></qti-set-outcome-value></qti-response-if>
<qti-response-else-if><qti-is-null><qti-variable identifier="RESPONSE"/></qti-is-null>
<qti-set-outcome-value identifier="SCORE"><qti-base-value base-type="float">0</qti-base-value></qti-set-outcome-value></qti-response-else-if>
<qti-response-else><qti-set-outcome-value identifier="SCORE"><qti-base-value base-type="float">0.5</qti-base-value></qti-set-outcome-value></qti-response-else>
</qti-response-condition></qti-response-processing>`),
  'fifty-interactions': item('fifty',
    Array.from({ length: 50 }, (_, i) => `<qti-response-declaration identifier="R${i}" cardinality="single" base-type="identifier"><qti-correct-response><qti-value>C${i % 4}</qti-value></qti-correct-response></qti-response-declaration>`).join('\n'),
    Array.from({ length: 50 }, (_, i) => choice(`R${i}`, 4, `Question ${i + 1}`)).join('\n'),
    `<qti-response-processing>${Array.from({ length: 50 }, (_, i) => `<qti-response-condition><qti-response-if><qti-match><qti-variable identifier="R${i}"/><qti-correct identifier="R${i}"/></qti-match>
<qti-set-outcome-value identifier="SCORE"><qti-sum><qti-variable identifier="SCORE"/><qti-base-value base-type="float">1</qti-base-value></qti-sum></qti-set-outcome-value></qti-response-if></qti-response-condition>`).join('\n')}</qti-response-processing>`),
};
