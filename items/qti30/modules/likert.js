// A portable custom interaction (IMS PCI) written for this project's
// samples: a rating scale of `data-scale` points as radio buttons. It is
// an AMD module that registers itself with qtiCustomInteractionContext.
// Its state (getState) also counts how often the rating changed: a player
// that keeps PCI states gives the count back when the session is restored.
define(['qtiCustomInteractionContext'], function (context) {
  context.register({
    typeIdentifier: 'urn:example:likert',
    getInstance: function (dom, config, state) {
      var scale = Number(config.properties.scale) || 5;
      var bound = config.boundTo && config.boundTo.RESPONSE;
      var value = bound && bound.base ? bound.base.integer : null;
      var changes = 0;
      try { changes = (state && JSON.parse(state).changes) || 0; } catch (e) { changes = 0; }
      var count = document.createElement('p');
      count.className = 'likert-changes';
      function showCount() { count.textContent = 'Changed ' + changes + ' time(s)'; }
      var group = document.createElement('div');
      group.setAttribute('role', 'radiogroup');
      group.setAttribute('aria-label', (dom.textContent || 'Rating').trim());
      for (var i = 1; i <= scale; i++) {
        var label = document.createElement('label');
        label.style.marginRight = '1em';
        var input = document.createElement('input');
        input.type = 'radio';
        input.name = 'likert';
        input.value = String(i);
        input.checked = value === i;
        input.addEventListener('change', function (e) { value = Number(e.target.value); changes += 1; showCount(); });
        label.appendChild(input);
        label.appendChild(document.createTextNode(' ' + i));
        group.appendChild(label);
      }
      dom.appendChild(group);
      showCount();
      dom.appendChild(count);
      var instance = {
        getResponse: function () { return value === null ? { base: null } : { base: { integer: value } }; },
        getState: function () { return JSON.stringify({ value: value, changes: changes }); },
        oncompleted: function () {}
      };
      config.onready(instance, state);
      return instance;
    }
  });
});
